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

    /** {@code head} followed by the frames of {@code message}. */
    public static byte[][] prepend(byte[][] head, Object message) {
        if (message instanceof byte[] b) {
            byte[][] out = new byte[head.length + 1][];
            System.arraycopy(head, 0, out, 0, head.length);
            out[head.length] = b;
            return out;
        }
        byte[][] body = (byte[][]) message;
        byte[][] out = new byte[head.length + body.length][];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
