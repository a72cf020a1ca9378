package dev.zmq4j.zmtp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A ZMTP command: the body of a frame with the COMMAND flag. Immutable.
 *
 * <pre>
 * +-----------+----------------------+------------------+
 * | name-size | name (name-size      | data (the rest   |
 * | (1 byte)  |  ASCII bytes)        |  of the body)    |
 * +-----------+----------------------+------------------+
 * </pre>
 *
 * <p>rfc 23 and rfc 37: {@code command-name = short-size 1*255command-name-char} with
 * {@code command-name-char = ALPHA}; {@link #decode} refuses any other name (libzmq does not look
 * at the characters, but every command any mechanism or RFC defines is letters only). The data of
 * the commands this package knows is parsed strictly by {@link ErrorCommand}, {@link Ping},
 * {@link Pong} and {@link Metadata} (READY).
 *
 * @param name the command name, e.g. {@code READY}, {@code ERROR}, {@code PING}
 * @param data the command data (not copied; treat as immutable)
 */
public record Command(String name, byte[] data) {
    /** The READY command of the NULL and PLAIN mechanisms. */
    public static final String READY = "READY";
    /** The ERROR command: the peer refuses the handshake. */
    public static final String ERROR = "ERROR";
    /** ZMTP 3.1 heartbeat request. */
    public static final String PING = "PING";
    /** ZMTP 3.1 heartbeat reply. */
    public static final String PONG = "PONG";
    /** ZMTP 3.1 subscription. */
    public static final String SUBSCRIBE = "SUBSCRIBE";
    /** ZMTP 3.1 cancelled subscription. */
    public static final String CANCEL = "CANCEL";

    /** Validates the name. */
    public Command {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("command name length: " + name.length() + " (expected: 1..255)");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                throw new IllegalArgumentException("command name: " + name + " (expected: ASCII letters only)");
            }
        }
    }

    /** rfc 37: {@code command-name-char = ALPHA}. */
    private static boolean isNameChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** The command body: name-size, name, data. */
    public byte[] encode() {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[1 + n.length + data.length];
        out[0] = (byte) n.length;
        System.arraycopy(n, 0, out, 1, n.length);
        System.arraycopy(data, 0, out, 1 + n.length, data.length);
        return out;
    }

    /** The command body framed: header plus body, ready for the wire. */
    public byte[] encodeFrame() {
        byte[] b = encode();
        byte[] out = new byte[FrameFlags.headerSize(b.length) + b.length];
        int h = FrameFlags.writeHeader(out, 0, FrameFlags.COMMAND, b.length);
        System.arraycopy(b, 0, out, h, b.length);
        return out;
    }

    /**
     * Parses a command body.
     *
     * @throws ProtocolException if the name size runs past the body, or the name is empty or has a
     *                           character other than an ASCII letter
     */
    public static Command decode(byte[] body) throws ProtocolException {
        if (body.length < 1) {
            throw new ProtocolException("command length: 0 (expected: >= 1)");
        }
        if (isLibzmq43Error(body)) {
            return new Command(ERROR, java.util.Arrays.copyOfRange(body, LIBZMQ_43_ERROR.length, body.length));
        }
        int nameSize = body[0] & 0xFF;
        if (nameSize == 0) {
            throw new ProtocolException("command name size: 0 (expected: >= 1)");
        }
        if (1 + nameSize > body.length) {
            throw new ProtocolException("command name size: " + nameSize + " (expected: <= " + (body.length - 1) + ")");
        }
        for (int i = 1; i <= nameSize; i++) {
            if (!isNameChar(body[i])) {
                throw new ProtocolException("command name byte " + (i - 1) + ": 0x" + Greeting.hex(body[i])
                        + " (expected: an ASCII letter)");
            }
        }
        String name = new String(body, 1, nameSize, StandardCharsets.US_ASCII);
        byte[] data = new byte[body.length - 1 - nameSize];
        System.arraycopy(body, 1 + nameSize, data, 0, data.length);
        return new Command(name, data);
    }

    /**
     * libzmq 4.3's PLAIN server writes ERROR's name from the C literal {@code "\x05ERROR"}, which C
     * reads as the one hex escape {@code \x05E} (0x5E) followed by {@code RROR}: the body starts
     * with {@code ^RROR} and has no name-size byte. libzmq's own clients expect exactly that; we take
     * it as the ERROR it means (we send the rfc's form).
     */
    private static final byte[] LIBZMQ_43_ERROR = {0x5E, 'R', 'R', 'O', 'R'};

    private static boolean isLibzmq43Error(byte[] body) {
        return body.length > LIBZMQ_43_ERROR.length
                && java.util.Arrays.equals(body, 0, LIBZMQ_43_ERROR.length, LIBZMQ_43_ERROR, 0, LIBZMQ_43_ERROR.length);
    }

    /** An ERROR command with a reason of at most 255 bytes (see {@link ErrorCommand}). */
    public static Command error(String reason) {
        byte[] r = reason.getBytes(StandardCharsets.UTF_8);
        int len = Math.min(r.length, 255);
        byte[] data = new byte[1 + len];
        data[0] = (byte) len;
        System.arraycopy(r, 0, data, 1, len);
        return new Command(ERROR, data);
    }

    /**
     * The reason of an ERROR command, read leniently (a reason size past the data is cut to the
     * data). {@link ErrorCommand#decode} is the strict form.
     */
    public String errorReason() {
        if (data.length == 0) {
            return "";
        }
        int len = Math.min(data[0] & 0xFF, data.length - 1);
        return new String(data, 1, len, StandardCharsets.UTF_8);
    }
}
