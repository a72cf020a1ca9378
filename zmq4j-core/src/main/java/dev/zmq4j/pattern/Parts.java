package dev.zmq4j.pattern;

/**
 * The two shapes of a message in a pipe: {@code byte[]} for one frame, {@code byte[][]} for many.
 */
public final class Parts {
    /** The empty frame (REQ/REP delimiter). */
    public static final byte[] EMPTY = new byte[0];

    private Parts() {
    }

    /** The frames of a pipe message. */
    public static byte[][] of(Object message) {
        return message instanceof byte[] b ? new byte[][] {b} : (byte[][]) message;
    }

    /** The pipe form of {@code parts}: the single array when there is one frame. */
    public static Object toMessage(byte[][] parts) {
        return parts.length == 1 ? parts[0] : parts;
    }

    /** The pipe form of the frames of {@code parts} from index {@code from} on (at least one). */
    public static Object tail(byte[][] parts, int from) {
        if (parts.length == from + 1) {
            return parts[from];
        }
        byte[][] out = new byte[parts.length - from][];
        System.arraycopy(parts, from, out, 0, out.length);
        return out;
    }

    /** {@code head} followed by the frames of {@code message}. */
    public static byte[][] prepend(byte[][] head, Object message) {
        return prepend(head, head.length, message);
    }

    /** The first {@code headLength} frames of {@code head} followed by the frames of {@code message}. */
    public static byte[][] prepend(byte[][] head, int headLength, Object message) {
        if (message instanceof byte[] b) {
            byte[][] out = new byte[headLength + 1][];
            System.arraycopy(head, 0, out, 0, headLength);
            out[headLength] = b;
            return out;
        }
        byte[][] body = (byte[][]) message;
        byte[][] out = new byte[headLength + body.length][];
        System.arraycopy(head, 0, out, 0, headLength);
        System.arraycopy(body, 0, out, headLength, body.length);
        return out;
    }
}
