package dev.zmq4j.mechanism.curve;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The wire layout of CurveZMQ's handshake commands (rfc 26), as ZMTP command data (the name and
 * its size byte are the {@link Command}'s): sizes and fixed fields are checked here, boxes are
 * opened by the mechanisms. Sizes in messages are those of the whole command, name included, as
 * the RFC gives them. Stateless.
 *
 * <pre>
 * HELLO, 200 bytes
 * +-----------+---------+------------+---------+-----------------+-----------------------------+
 * | \x05HELLO | 0x01    | padding    | C'      | short nonce (8) | box[64 x 0x00](C'->S) (80)  |
 * | (6)       | 0x00    | 72 x 0x00  | (32)    |                 |                             |
 * +-----------+---------+------------+---------+-----------------+-----------------------------+
 *
 * WELCOME, 168 bytes
 * +-------------+-----------------+--------------------------------------------------+
 * | \x07WELCOME | long nonce (16) | box[S' (32) + cookie (96)](S->C') (144)          |
 * +-------------+-----------------+--------------------------------------------------+
 * cookie = long nonce (16) + box[C' (32) + s' (32)](K) (80), K a random key used once
 *
 * INITIATE, 257+ bytes
 * +--------------+-------------+-----------------+----------------------------------------------+
 * | \x08INITIATE | cookie (96) | short nonce (8) | box[C (32) + vouch (96) + metadata](C'->S')  |
 * +--------------+-------------+-----------------+----------------------------------------------+
 * vouch = long nonce (16) + box[C' (32) + S (32)](C->S') (80)
 *
 * READY, 30+ bytes
 * +-----------+-----------------+-----------------------------+
 * | \x05READY | short nonce (8) | box[metadata](S'->C') (16+) |
 * +-----------+-----------------+-----------------------------+
 * </pre>
 *
 * <p>Nonces are 24 bytes: a short nonce is a 16-byte prefix and an 8-byte big-endian counter, a
 * long nonce an 8-byte prefix and 16 random bytes.
 */
final class CurveCommands {
    /** The HELLO command name. */
    static final String HELLO = "HELLO";
    /** The WELCOME command name. */
    static final String WELCOME = "WELCOME";
    /** The INITIATE command name. */
    static final String INITIATE = "INITIATE";
    /** The MESSAGE command name. */
    static final String MESSAGE = "MESSAGE";

    static final byte[] HELLO_NONCE = ascii("CurveZMQHELLO---");
    static final byte[] WELCOME_NONCE = ascii("WELCOME-");
    static final byte[] COOKIE_NONCE = ascii("COOKIE--");
    static final byte[] INITIATE_NONCE = ascii("CurveZMQINITIATE");
    static final byte[] VOUCH_NONCE = ascii("VOUCH---");
    static final byte[] READY_NONCE = ascii("CurveZMQREADY---");
    static final byte[] CLIENT_MESSAGE_NONCE = ascii("CurveZMQMESSAGEC");
    static final byte[] SERVER_MESSAGE_NONCE = ascii("CurveZMQMESSAGES");

    /** Long nonces: the random part after an 8-byte prefix. */
    static final int LONG_NONCE = 16;
    /** Short nonces: the counter after a 16-byte prefix. */
    static final int SHORT_NONCE = 8;
    /** The HELLO's anti-amplification padding. */
    static final int HELLO_PADDING = 72;
    /** The HELLO signature box: 64 zero bytes, boxed. */
    static final int SIGNATURE = 64;
    /** The cookie: long nonce and box[C' + s']. */
    static final int COOKIE = LONG_NONCE + 2 * CurveKeys.SIZE + SecretBox.TAG;
    /** The vouch: long nonce and box[C' + S]. */
    static final int VOUCH = LONG_NONCE + 2 * CurveKeys.SIZE + SecretBox.TAG;

    private static final int HELLO_DATA = 2 + HELLO_PADDING + CurveKeys.SIZE + SHORT_NONCE + SIGNATURE + SecretBox.TAG;
    private static final int WELCOME_DATA = LONG_NONCE + CurveKeys.SIZE + COOKIE + SecretBox.TAG;
    private static final int INITIATE_MIN_DATA = COOKIE + SHORT_NONCE + CurveKeys.SIZE + VOUCH + SecretBox.TAG;
    private static final int READY_MIN_DATA = SHORT_NONCE + SecretBox.TAG;

    private CurveCommands() {
    }

    /** HELLO: the client's transient public key C', its short nonce and the signature box. */
    record Hello(byte[] clientKey, long nonce, byte[] signature) {
        Command toCommand() {
            byte[] d = new byte[HELLO_DATA];
            d[0] = 1;
            d[1] = 0;
            int p = 2 + HELLO_PADDING;
            System.arraycopy(clientKey, 0, d, p, CurveKeys.SIZE);
            putLong(d, p + CurveKeys.SIZE, nonce);
            System.arraycopy(signature, 0, d, p + CurveKeys.SIZE + SHORT_NONCE, signature.length);
            return new Command(HELLO, d);
        }

        /** @throws ProtocolException if the size, version or padding is wrong */
        static Hello decode(Command c) throws ProtocolException {
            byte[] d = c.data();
            checkSize(c, HELLO_DATA, true);
            if (d[0] != 1 || d[1] != 0) {
                throw new ProtocolException("HELLO version: " + (d[0] & 0xFF) + "." + (d[1] & 0xFF) + " (expected: 1.0)");
            }
            for (int i = 2; i < 2 + HELLO_PADDING; i++) {
                if (d[i] != 0) {
                    throw new ProtocolException("HELLO padding byte " + (i - 2) + ": 0x" + hex(d[i]) + " (expected: 0x00)");
                }
            }
            int p = 2 + HELLO_PADDING;
            return new Hello(Arrays.copyOfRange(d, p, p + CurveKeys.SIZE), getLong(d, p + CurveKeys.SIZE),
                    Arrays.copyOfRange(d, p + CurveKeys.SIZE + SHORT_NONCE, d.length));
        }
    }

    /** WELCOME: the server's long nonce and box[S' + cookie]. */
    record Welcome(byte[] nonce, byte[] box) {
        Command toCommand() {
            return new Command(WELCOME, concat(nonce, box));
        }

        /** @throws ProtocolException if the size is wrong */
        static Welcome decode(Command c) throws ProtocolException {
            checkSize(c, WELCOME_DATA, true);
            byte[] d = c.data();
            return new Welcome(Arrays.copyOf(d, LONG_NONCE), Arrays.copyOfRange(d, LONG_NONCE, d.length));
        }
    }

    /** INITIATE: the cookie handed back, the client's short nonce, box[C + vouch + metadata]. */
    record Initiate(byte[] cookie, long nonce, byte[] box) {
        Command toCommand() {
            byte[] d = new byte[COOKIE + SHORT_NONCE + box.length];
            System.arraycopy(cookie, 0, d, 0, COOKIE);
            putLong(d, COOKIE, nonce);
            System.arraycopy(box, 0, d, COOKIE + SHORT_NONCE, box.length);
            return new Command(INITIATE, d);
        }

        /** @throws ProtocolException if it is too short */
        static Initiate decode(Command c) throws ProtocolException {
            checkSize(c, INITIATE_MIN_DATA, false);
            byte[] d = c.data();
            return new Initiate(Arrays.copyOf(d, COOKIE), getLong(d, COOKIE),
                    Arrays.copyOfRange(d, COOKIE + SHORT_NONCE, d.length));
        }
    }

    /** READY: the server's short nonce and box[metadata]. */
    record Ready(long nonce, byte[] box) {
        Command toCommand() {
            byte[] d = new byte[SHORT_NONCE + box.length];
            putLong(d, 0, nonce);
            System.arraycopy(box, 0, d, SHORT_NONCE, box.length);
            return new Command(Command.READY, d);
        }

        /** @throws ProtocolException if it is too short */
        static Ready decode(Command c) throws ProtocolException {
            checkSize(c, READY_MIN_DATA, false);
            byte[] d = c.data();
            return new Ready(getLong(d, 0), Arrays.copyOfRange(d, SHORT_NONCE, d.length));
        }
    }

    private static void checkSize(Command c, int dataSize, boolean exact) throws ProtocolException {
        int length = c.data().length;
        if (exact ? length != dataSize : length < dataSize) {
            int overhead = 1 + c.name().length();
            throw new ProtocolException(c.name() + " size: " + (overhead + length) + " (expected: "
                    + (exact ? "" : ">= ") + (overhead + dataSize) + ")");
        }
    }

    /** A 24-byte short nonce: the 16-byte {@code prefix} and {@code counter}, big-endian. */
    static byte[] shortNonce(byte[] prefix, long counter) {
        byte[] n = new byte[SecretBox.NONCE];
        System.arraycopy(prefix, 0, n, 0, SecretBox.PREFIX);
        putLong(n, SecretBox.PREFIX, counter);
        return n;
    }

    /** A 24-byte long nonce: the 8-byte {@code prefix} and the 16 bytes at {@code random[off]}. */
    static byte[] longNonce(byte[] prefix, byte[] random, int off) {
        byte[] n = new byte[SecretBox.NONCE];
        System.arraycopy(prefix, 0, n, 0, 8);
        System.arraycopy(random, off, n, 8, LONG_NONCE);
        return n;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String hex(byte b) {
        return String.format("%02x", b & 0xFF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
