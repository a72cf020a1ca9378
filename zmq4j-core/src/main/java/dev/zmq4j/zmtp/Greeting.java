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
 * @param major     the major protocol version (3 for ZMTP 3.x)
 * @param minor     the minor protocol version (1 for ZMTP 3.1, 0 for 3.0)
 * @param mechanism the security mechanism name, e.g. {@code NULL}, at most 20 ASCII characters
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

    /** Validates the mechanism name. */
    public Greeting {
        Objects.requireNonNull(mechanism, "mechanism");
        if (mechanism.isEmpty() || mechanism.length() > MECHANISM_SIZE) {
            throw new IllegalArgumentException(
                    "mechanism length: " + mechanism.length() + " (expected: 1.." + MECHANISM_SIZE + ")");
        }
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
        int end = MECHANISM_OFFSET;
        while (end < MECHANISM_OFFSET + MECHANISM_SIZE && bytes[end] != 0) {
            byte b = bytes[end];
            if (b < 0x20 || b > 0x7E) {
                throw new ProtocolException("greeting mechanism byte: 0x" + hex(b) + " (expected: printable ASCII)");
            }
            end++;
        }
        if (end == MECHANISM_OFFSET) {
            throw new ProtocolException("greeting mechanism: empty (expected: a mechanism name)");
        }
        String mechanism = new String(bytes, MECHANISM_OFFSET, end - MECHANISM_OFFSET, StandardCharsets.US_ASCII);
        return new Greeting(bytes[10] & 0xFF, bytes[11] & 0xFF, mechanism, bytes[AS_SERVER_OFFSET] == 1);
    }

    /** Whether the peer speaks ZMTP 3.1 or later (SUBSCRIBE/CANCEL and PING/PONG commands). */
    public boolean atLeast31() {
        return major > 3 || (major == 3 && minor >= 1);
    }

    static String hex(byte b) {
        return String.format("%02x", b & 0xFF);
    }
}
