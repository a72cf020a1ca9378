package dev.zmq4j.mechanism.curve;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.Pack;

/**
 * NaCl's {@code crypto_secretbox} (XSalsa20-Poly1305) under one 32-byte key and one 16-byte nonce
 * prefix, the last 8 bytes of the 24-byte nonce given per box. CurveZMQ's short nonces are exactly
 * that (a fixed 16-byte prefix such as {@code CurveZMQMESSAGEC} and an 8-byte counter), so the
 * XSalsa20 sub-key, HSalsa20(key, prefix), is computed once here and each box only restarts the
 * Salsa20 keystream ({@link Salsa20Keystream}, BouncyCastle's core) with the 8-byte tail: XSalsa20
 * is, by its definition, Salsa20 under that sub-key.
 *
 * <pre>
 * box = tag (16 bytes) || ciphertext (as long as the message)     NaCl "easy" layout
 * keystream = XSalsa20(key, nonce): bytes 0..31 are the Poly1305 key, the rest encrypts
 * tag = Poly1305(ciphertext)
 * </pre>
 *
 * <p>Besides {@link #seal} and {@link #open}, a box can be written or read in pieces
 * ({@link #begin}, {@link #encrypt}, {@link #finish}; {@link #authenticate}, {@link #decrypt}) so
 * that a MESSAGE's flags byte and payload need no intermediate copy. {@link #authenticate} checks
 * the tag before anything is decrypted.
 *
 * <p>Not thread-safe: one instance per direction of a connection (or per handshake box).
 */
final class SecretBox {
    /** Key size. */
    static final int KEY = 32;
    /** Nonce size. */
    static final int NONCE = 24;
    /** Nonce prefix size (the part fixed per instance). */
    static final int PREFIX = 16;
    /** The tail of the nonce given per box. */
    static final int TAIL = 8;
    /** What a box adds to its message: the Poly1305 tag. */
    static final int TAG = 16;

    /** "expand 32-byte k", the Salsa20 constants, as little-endian words. */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private final Salsa20Keystream cipher;
    private final Poly1305 mac = new Poly1305();
    private final byte[] macKey = new byte[KEY];
    private final byte[] tag = new byte[TAG];

    /**
     * @param key       the 32-byte box key (crypto_box_beforenm's output, or a secretbox key); not
     *                  kept
     * @param prefix    holds the first 16 bytes of every nonce, at {@code prefixOff}
     */
    SecretBox(byte[] key, byte[] prefix, int prefixOff) {
        if (key.length != KEY) {
            throw new IllegalArgumentException("box key length: " + key.length + " (expected: " + KEY + ")");
        }
        byte[] subKey = new byte[KEY];
        hsalsa20(key, prefix, prefixOff, subKey);
        cipher = new Salsa20Keystream(subKey);
        Arrays.clear(subKey);
    }

    /**
     * HSalsa20 (from "Extending the Salsa20 nonce", D. J. Bernstein): the Salsa20 core over key,
     * constants and a 16-byte input, without the final addition of the input, keeping words 0, 5,
     * 10, 15, 6, 7, 8, 9. BouncyCastle's core adds the input, so it is taken off again here.
     */
    static void hsalsa20(byte[] key, byte[] input, int inputOff, byte[] out) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        Pack.littleEndianToInt(key, 0, state, 1, 4);
        Pack.littleEndianToInt(key, 16, state, 11, 4);
        Pack.littleEndianToInt(input, inputOff, state, 6, 4);
        int[] x = new int[16];
        Salsa20Engine.salsaCore(20, state, x);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        for (int i = 0; i < words.length; i++) {
            Pack.intToLittleEndian(x[words[i]] - state[words[i]], out, 4 * i);
        }
        Arrays.clear(state);
        Arrays.clear(x);
    }

    /** NaCl's {@code crypto_box_beforenm} second half: HSalsa20 of a shared secret with a zero input. */
    static byte[] boxKey(byte[] sharedSecret) {
        byte[] key = new byte[KEY];
        hsalsa20(sharedSecret, new byte[PREFIX], 0, key);
        return key;
    }

    /** {@code crypto_secretbox_easy} of {@code message} under {@code key} and the 24-byte {@code nonce}. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] message) {
        checkNonce(nonce);
        byte[] box = new byte[TAG + message.length];
        new SecretBox(key, nonce, 0).seal(nonce, PREFIX, message, 0, message.length, box, 0);
        return box;
    }

    /**
     * {@code crypto_secretbox_open_easy} of {@code box[off .. off + len)} under {@code key} and
     * the 24-byte {@code nonce}.
     *
     * @return the message, or {@code null} if the box is too short or does not open (forged,
     *         tampered with, or made with another key or nonce)
     */
    static byte[] open(byte[] key, byte[] nonce, byte[] box, int off, int len) {
        checkNonce(nonce);
        if (len < TAG) {
            return null;
        }
        byte[] message = new byte[len - TAG];
        return new SecretBox(key, nonce, 0).open(nonce, PREFIX, box, off, len, message, 0) ? message : null;
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE) {
            throw new IllegalArgumentException("nonce length: " + nonce.length + " (expected: " + NONCE + ")");
        }
    }

    /**
     * Boxes {@code m[mOff .. mOff + mLen)} with the nonce tail {@code tail[tailOff .. + 8)} into
     * {@code out[outOff .. outOff + 16 + mLen)}.
     */
    void seal(byte[] tail, int tailOff, byte[] m, int mOff, int mLen, byte[] out, int outOff) {
        begin(tail, tailOff);
        encrypt(m, mOff, mLen, out, outOff + TAG);
        finish(out, outOff);
    }

    /**
     * Opens {@code box[off .. off + len)} with the nonce tail {@code tail[tailOff .. + 8)} into
     * {@code out[outOff .. outOff + len - 16)}.
     *
     * @return {@code false}, with nothing written, if the box does not open
     */
    boolean open(byte[] tail, int tailOff, byte[] box, int off, int len, byte[] out, int outOff) {
        if (len < TAG || !authenticate(tail, tailOff, box, off, len)) {
            return false;
        }
        decrypt(box, off + TAG, len - TAG, out, outOff);
        return true;
    }

    /** Starts a box with the nonce tail {@code tail[tailOff .. + 8)}: keystream from its start. */
    void begin(byte[] tail, int tailOff) {
        cipher.start(tail, tailOff);
        java.util.Arrays.fill(macKey, (byte) 0);
        cipher.xor(macKey, 0, KEY, macKey, 0);
        mac.init(new KeyParameter(macKey));
        Arrays.clear(macKey);
    }

    /** Encrypts the next {@code len} bytes of the message after {@link #begin}; the output is authenticated. */
    void encrypt(byte[] in, int off, int len, byte[] out, int outOff) {
        cipher.xor(in, off, len, out, outOff);
        mac.update(out, outOff, len);
    }

    /** Writes the 16-byte tag of everything {@link #encrypt}ed since {@link #begin}. */
    void finish(byte[] out, int outOff) {
        mac.doFinal(out, outOff);
    }

    /**
     * Starts opening {@code box[off .. off + len)} (tag, then ciphertext; {@code len >= 16}) with
     * the nonce tail {@code tail[tailOff .. + 8)}: checks the tag in constant time. On success the
     * ciphertext may be {@link #decrypt}ed, in order, in pieces.
     */
    boolean authenticate(byte[] tail, int tailOff, byte[] box, int off, int len) {
        begin(tail, tailOff);
        mac.update(box, off + TAG, len - TAG);
        mac.doFinal(tag, 0);
        return Arrays.constantTimeAreEqual(TAG, tag, 0, box, off);
    }

    /** Decrypts the next {@code len} bytes of ciphertext after a successful {@link #authenticate}. */
    void decrypt(byte[] in, int off, int len, byte[] out, int outOff) {
        cipher.xor(in, off, len, out, outOff);
    }

    @Override
    public String toString() {
        return "SecretBox{XSalsa20-Poly1305}";
    }
}
