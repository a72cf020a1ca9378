package dev.zmq4j.zmtp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** A {@link FrameDecoder.Handler} that records frames and can pause after each one. */
final class FrameCollector implements FrameDecoder.Handler {
    final List<DecodedFrame> frames = new ArrayList<>();
    private final boolean pauseAfterEach;

    FrameCollector(boolean pauseAfterEach) {
        this.pauseAfterEach = pauseAfterEach;
    }

    FrameCollector() {
        this(false);
    }

    @Override
    public boolean onFrame(int flags, byte[] body) {
        frames.add(new DecodedFrame(flags, body));
        return !pauseAfterEach;
    }

    /**
     * Feeds the pieces in order to a fresh decoder, resuming after every pause, and checks that
     * each piece is consumed entirely.
     */
    static List<DecodedFrame> decode(List<byte[]> pieces, long maxMessageFrame, boolean pause) throws ProtocolException {
        return decode(pieces, maxMessageFrame, pause, false);
    }

    /** As above; {@code direct}: each piece in a direct buffer (no accessible array), as a read buffer. */
    static List<DecodedFrame> decode(List<byte[]> pieces, long maxMessageFrame, boolean pause, boolean direct)
            throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
        FrameCollector collector = new FrameCollector(pause);
        for (byte[] piece : pieces) {
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(piece.length).put(piece).flip() : ByteBuffer.wrap(piece);
            int calls = 0;
            while (!decoder.decode(buf, collector)) {
                if (++calls > piece.length + 1) {
                    throw new AssertionError("decoder paused more often than the piece has bytes");
                }
            }
            if (buf.hasRemaining()) {
                throw new AssertionError("decode returned true with " + buf.remaining() + " bytes left");
            }
        }
        if (!decoder.atFrameBoundary()) {
            throw new AssertionError("a partial frame is left after the last piece");
        }
        return collector.frames;
    }
}
