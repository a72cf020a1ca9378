package dev.zmq4j.zmtp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The 64-byte ZMTP 3.x greeting, immutable.
 *
 * <pre>
 *  0      1..8      9       10      11      12 .. 31          32         33 .. 63
 * +------+---------+-------+-------+-------+-----------------+----------+-----------+
 * | 0xFF | padding | 0x7F  | major | minor | mechanism (20,  | as-server| filler    |
 * |      | 8 x 0   |       |  (3)  | (0|1) |  NUL-padded)    |  (0|1)   | 31 x 0    |
 * +------+---------+-------+-------+-------+-----------------+----------+-----------+
 * </pre>
 *
 * <p>What {@link #decode} checks (rfc 37 "Formal Grammar" and "Version Negotiation"; rfc 23 for
 * 3.0): byte 0 is 0xFF and byte 9 is 0x7F (libzmq looks only at byte 9's bit 0, which tells a
 * ZMTP 1.0 peer apart; a 3.x signature is 0x7F); the padding is ignored ("MUST NOT validate");
 * the major version is 3 or more and any minor is accepted (3.0 peers included, and higher
 * versions as the RFC demands); the mechanism is 1 to 20 of {@code A-Z 0-9 - _ . +} followed only
 * by NULs (libzmq compares all 20 bytes with its own NUL-padded name); as-server is 0x00 or 0x01;
 * the 31-byte filler is zero for 3.0 and 3.1, which define it so, and not looked at for a later
 * version, which may give it a meaning (libzmq never looks at as-server or the filler).
 *
 * @param major     the major protocol version (3 for ZMTP 3.x)
 * @param minor     the minor protocol version (1 for ZMTP 3.1, 0 for 3.0)
 * @param mechanism the security mechanism name, e.g. {@code NULL}: 1 to 20 of {@code A-Z 0-9 - _ . +}
 * @param asServer  whether the sender acts as server for the mechanism
 */
public record Greeting(int major, int minor, String mechanism, boolean asServer) {
    /** The size of a whole greeting on the wire. */
    public static final int SIZE = 64;
    /** The number of bytes needed to know the peer's major version (signature plus major). */
    public static final int VERSION_PREFIX = 11;

    private static final int MECHANISM_OFFSET = 12;
    private static final int MECHANISM_SIZE = 20;
    private static final int AS_SERVER_OFFSET = 32;
    private static final int FILLER_OFFSET = 33;

    /** Validates the mechanism name. */
    public Greeting {
        Objects.requireNonNull(mechanism, "mechanism");
        if (mechanism.isEmpty() || mechanism.length() > MECHANISM_SIZE) {
            throw new IllegalArgumentException(
                    "mechanism length: " + mechanism.length() + " (expected: 1.." + MECHANISM_SIZE + ")");
        }
        for (int i = 0; i < mechanism.length(); i++) {
            char c = mechanism.charAt(i);
            if (!isMechanismChar(c)) {
                throw new IllegalArgumentException("mechanism character: '" + c + "' in " + mechanism
                        + " (expected: A-Z, 0-9, '-', '_', '.', '+')");
            }
        }
    }

    /** rfc 37: {@code mechanism-char = "A"-"Z" | DIGIT | "-" | "_" | "." | "+"} (NUL pads). */
    private static boolean isMechanismChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '+';
    }

    /** A ZMTP 3.1 greeting for the given mechanism. */
    public static Greeting of(String mechanism, boolean asServer) {
        return new Greeting(3, 1, mechanism, asServer);
    }

    /** The 64 bytes of this greeting. */
    public byte[] encode() {
        byte[] out = new byte[SIZE];
        out[0] = (byte) 0xFF;
        out[9] = 0x7F;
        out[10] = (byte) major;
        out[11] = (byte) minor;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, out, MECHANISM_OFFSET, name.length);
        out[AS_SERVER_OFFSET] = (byte) (asServer ? 1 : 0);
        return out;
    }

    /**
     * Checks the first {@code length} bytes received from a peer as early as possible, so that a
     * ZMTP 1.0 or 2.0 peer, or one speaking another protocol, is refused before we wait for bytes
     * it will never send.
     *
     * @throws ProtocolException if the bytes seen so far cannot start a ZMTP 3.x greeting
     */
    public static void checkPrefix(byte[] bytes, int length) throws ProtocolException {
        if (length >= 1 && (bytes[0] & 0xFF) != 0xFF) {
            throw new ProtocolException(
                    "greeting signature byte 0: 0x" + hex(bytes[0]) + " (expected: 0xff; not a ZMTP 3 peer)");
        }
        if (length >= 10 && (bytes[9] & 0x01) != 0x01) {
            throw new ProtocolException(
                    "greeting signature byte 9: 0x" + hex(bytes[9]) + " (expected: 0x7f; ZMTP 1.0 peer)");
        }
        if (length >= 10 && bytes[9] != 0x7F) {
            throw new ProtocolException("greeting signature byte 9: 0x" + hex(bytes[9]) + " (expected: 0x7f)");
        }
        if (length >= VERSION_PREFIX && (bytes[10] & 0xFF) < 3) {
            throw new ProtocolException(
                    "ZMTP version: " + (bytes[10] & 0xFF) + " (expected: >= 3; ZMTP 1.0/2.0 peers are not supported)");
        }
    }

    /**
     * Decodes a complete greeting.
     *
     * @throws ProtocolException if the bytes are not a ZMTP 3.x greeting
     */
    public static Greeting decode(byte[] bytes) throws ProtocolException {
        if (bytes.length < SIZE) {
            throw new ProtocolException("greeting length: " + bytes.length + " (expected: " + SIZE + ")");
        }
        checkPrefix(bytes, SIZE);
        int major = bytes[10] & 0xFF;
        int minor = bytes[11] & 0xFF;
        String mechanism = decodeMechanism(bytes);
        int asServer = bytes[AS_SERVER_OFFSET] & 0xFF;
        if (asServer > 1) {
            throw new ProtocolException("greeting as-server: 0x" + hex(bytes[AS_SERVER_OFFSET]) + " (expected: 0x00 or 0x01)");
        }
        if (major == 3 && minor <= 1) {
            for (int i = FILLER_OFFSET; i < SIZE; i++) {
                if (bytes[i] != 0) {
                    throw new ProtocolException("greeting filler byte " + i + ": 0x" + hex(bytes[i])
                            + " (expected: 0x00 in a ZMTP 3." + minor + " greeting)");
                }
            }
        }
        return new Greeting(major, minor, mechanism, asServer == 1);
    }

    /** The mechanism field: name characters, then NULs only up to its 20th byte. */
    private static String decodeMechanism(byte[] bytes) throws ProtocolException {
        int end = MECHANISM_OFFSET;
        int fieldEnd = MECHANISM_OFFSET + MECHANISM_SIZE;
        while (end < fieldEnd && bytes[end] != 0) {
            if (!isMechanismChar(bytes[end])) {
                throw new ProtocolException("greeting mechanism byte " + end + ": 0x" + hex(bytes[end])
                        + " (expected: A-Z, 0-9, '-', '_', '.', '+' or NUL padding)");
            }
            end++;
        }
        if (end == MECHANISM_OFFSET) {
            throw new ProtocolException("greeting mechanism: empty (expected: a mechanism name)");
        }
        for (int i = end; i < fieldEnd; i++) {
            if (bytes[i] != 0) {
                throw new ProtocolException("greeting mechanism byte " + i + ": 0x" + hex(bytes[i])
                        + " (expected: 0x00, the padding after the name)");
            }
        }
        return new String(bytes, MECHANISM_OFFSET, end - MECHANISM_OFFSET, StandardCharsets.US_ASCII);
    }

    /** Whether the peer speaks ZMTP 3.1 or later (SUBSCRIBE/CANCEL and PING/PONG commands). */
    public boolean atLeast31() {
        return major > 3 || (major == 3 && minor >= 1);
    }

    /**
     * Two lower-case hex digits, for error messages. Not {@code String.format}: a peer sending
     * random bytes gets one of these per refused connection, on the I/O thread.
     */
    static String hex(byte b) {
        return new String(new char[] {HEX_DIGITS[(b >> 4) & 0xF], HEX_DIGITS[b & 0xF]});
    }

    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /**
     * For a mechanism's server (PLAIN, CURVE): refuses a peer that claims the server role too. Its
     * clients are not checked the other way: libzmq sends as-server 0 whatever its role, so only a
     * second server sends 1, and two servers would each wait for the other's HELLO.
     */
    public void requireClient(String mechanism) throws ProtocolException {
        if (asServer) {
            throw new ProtocolException("greeting as-server: 0x01 (expected: 0x00, a " + mechanism + " client, as we are the server)");
        }
    }
}
