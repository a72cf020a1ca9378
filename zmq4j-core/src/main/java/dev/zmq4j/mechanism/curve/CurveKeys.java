package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.CurveKeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Curve25519 keys as CurveZMQ uses them (key pairs themselves are {@link CurveKeyPair}) (NaCl's {@code crypto_box} keys): 32-byte secret keys,
 * the X25519 public key of each, and the box key of a pair of them ({@code crypto_box_beforenm}:
 * HSalsa20 of the X25519 shared secret). The curve arithmetic is BouncyCastle's; nothing here is a
 * hand-written primitive. Thread-safe (stateless; the shared {@link SecureRandom} is thread-safe).
 */
public final class CurveKeys {
    /** The size of every key, public, secret or box key. */
    public static final int SIZE = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CurveKeys() {
    }

    /**
     * The public key of a secret key (X25519 with the base point; the secret key is clamped by
     * the scalar multiplication, as NaCl's {@code crypto_scalarmult_base} does).
     *
     * @throws IllegalArgumentException if {@code secretKey} is not 32 bytes
     */
    public static byte[] publicKey(byte[] secretKey) {
        check("secretKey", secretKey);
        return CurveKeyPair.fromSecretKey(secretKey).publicKey();
    }

    /**
     * The box key of {@code publicKey} and {@code secretKey} ({@code crypto_box_beforenm}): the
     * same from either side, {@code boxKey(B, a) == boxKey(A, b)}.
     *
     * @return the 32-byte key, or {@code null} if {@code publicKey} is a low-order point (the
     *         shared secret is zero: a peer's attempt to force a known key)
     * @throws IllegalArgumentException if a key is not 32 bytes
     */
    public static byte[] boxKey(byte[] publicKey, byte[] secretKey) {
        check("publicKey", publicKey);
        check("secretKey", secretKey);
        byte[] shared = new byte[SIZE];
        if (!X25519.calculateAgreement(secretKey, 0, publicKey, 0, shared, 0)) {
            return null;
        }
        byte[] key = SecretBox.boxKey(shared);
        Arrays.fill(shared, (byte) 0);
        return key;
    }

    /** {@code length} random bytes from the shared {@link SecureRandom} (nonces, cookie keys). */
    static byte[] random(int length) {
        byte[] b = new byte[length];
        RANDOM.nextBytes(b);
        return b;
    }

    /** @throws IllegalArgumentException if {@code key} is not a 32-byte key; names the field, never shows the key */
    static void check(String field, byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException(field + ": null (expected: " + SIZE + " bytes)");
        }
        if (key.length != SIZE) {
            throw new IllegalArgumentException(field + " length: " + key.length + " (expected: " + SIZE + ")");
        }
    }
}
