package dev.zmq4j.zmtp;

/**
 * A per-frame transform a mechanism installs once its handshake is done (CURVE boxes every frame,
 * commands included, in a MESSAGE command). Every frame a connection sends passes through
 * {@link #encode}, every frame it receives through {@link #decode}. Not thread-safe: one per
 * connection, used on its I/O thread.
 */
public interface FrameTransform {
    /** What a transform makes of a frame: the frame to put on the wire, or the one received. */
    record WireFrame(int flags, byte[] body) {
    }

    /** The frame to send for the frame {@code (flags, body)}. */
    WireFrame encode(int flags, byte[] body);

    /**
     * The frame carried by the wire frame {@code (flags, body)}.
     *
     * @throws ProtocolException if the wire frame is not a valid transformed frame
     */
    WireFrame decode(int flags, byte[] body) throws ProtocolException;

    /** The most bytes a transformed frame's body adds to the original's (for size limits). */
    int overhead();
}
