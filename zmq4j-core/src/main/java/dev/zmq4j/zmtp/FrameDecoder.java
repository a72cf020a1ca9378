package dev.zmq4j.zmtp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Incremental decoder of ZMTP frames (see {@link FrameFlags} for the layout). Bytes may arrive in
 * any fragmentation; a frame is handed to the {@link Handler} once its body is complete.
 *
 * <p>The flags byte is checked as soon as it is read (rfc 23 and rfc 37 "Framing"): reserved
 * bits 3-7 set, MORE on a command ("This bit SHALL be zero on command frames"), and, during the
 * handshake, a message frame are refused before the size is read. libzmq accepts the first two
 * (it ignores the reserved bits and keeps MORE on a command); we follow the RFC. A long-form size
 * that would fit the short form is accepted, as libzmq does: the RFC's "SHOULD use a short size"
 * binds the sender.
 *
 * <p>Memory is bounded by what the peer actually sent, not by what it declared: a body larger than
 * {@value #EAGER_LIMIT} bytes grows as its bytes arrive; while commands only (the handshake), one
 * larger than {@value #HANDSHAKE_EAGER_LIMIT} bytes does, so that a peer that has not completed
 * its handshake makes us hold what it sent plus a KiB, not the megabyte a 9-byte header can
 * announce. Frames larger than the configured limits are refused as soon as their header is read.
 *
 * <p>Not thread-safe: one decoder belongs to one connection.
 */
public final class FrameDecoder {
    /** Receives decoded frames. */
    @FunctionalInterface
    public interface Handler {
        /**
         * One complete frame.
         *
         * @param flags the frame's flags ({@link FrameFlags#MORE}, {@link FrameFlags#COMMAND})
         * @param body  the frame's body; the handler owns it
         * @return {@code true} to go on decoding, {@code false} to pause after this frame
         */
        boolean onFrame(int flags, byte[] body) throws ProtocolException;
    }

    static final int EAGER_LIMIT = 1 << 20;
    /** The eager buffer while commands only: the handshake's commands are small (READY, HELLO ...). */
    static final int HANDSHAKE_EAGER_LIMIT = 1 << 10;
    /** Every empty frame's body (e.g. the REQ/REP delimiter): an empty array cannot be changed. */
    private static final byte[] EMPTY = new byte[0];
    /** The largest body a Java array can hold. */
    static final long ARRAY_LIMIT = Integer.MAX_VALUE - 8;

    private enum State { FLAGS, SHORT_SIZE, LONG_SIZE, BODY }

    private long maxMessageFrame;
    private long maxCommandFrame;
    private boolean commandsOnly;

    private State state = State.FLAGS;
    private int flags;
    private long sizeAccumulator;
    private int sizeBytesRead;
    private long bodySize;
    private byte[] body;
    private int bodyRead;

    /**
     * @param maxMessageFrame the largest message frame accepted, or -1 for no limit (MAXMSGSIZE)
     * @param maxCommandFrame the largest command frame accepted
     */
    public FrameDecoder(long maxMessageFrame, long maxCommandFrame) {
        this.maxMessageFrame = maxMessageFrame;
        this.maxCommandFrame = maxCommandFrame;
    }

    /** Changes the message frame limit (MAXMSGSIZE, -1 for none). */
    public void maxMessageFrame(long limit) {
        this.maxMessageFrame = limit;
    }

    /**
     * Sets the limits: whether message frames are accepted at all (not during the handshake), the
     * largest message frame (-1 = none) and the largest command frame.
     */
    public void limits(boolean messages, long maxMessageFrame, long maxCommandFrame) {
        this.commandsOnly = !messages;
        this.maxMessageFrame = maxMessageFrame;
        this.maxCommandFrame = maxCommandFrame;
    }

    /**
     * While set, a message frame is refused at its header: during the handshake only commands may
     * arrive, and a peer that has not completed it must not make us buffer a message body.
     */
    void commandsOnly(boolean on) {
        this.commandsOnly = on;
    }

    /**
     * Whether the next bytes of {@code in} are mostly the body of a large frame ({@code threshold}
     * bytes or more still to come), which is better copied straight from {@code in} into the body
     * than through an intermediate copy. Looks only; consumes nothing.
     */
    public boolean inLargeBody(ByteBuffer in, int threshold) {
        if (state == State.BODY) {
            return bodySize - bodyRead >= threshold;
        }
        if (state != State.FLAGS || in.remaining() < 9) {
            return false;
        }
        int pos = in.position();
        if ((in.get(pos) & FrameFlags.LONG) == 0) {
            return false;
        }
        long size = in.getLong(pos + 1);
        return size >= threshold;
    }

    /** Whether the decoder is between frames (no partial frame is buffered). */
    public boolean atFrameBoundary() {
        return state == State.FLAGS;
    }

    /**
     * Decodes as many frames as {@code in} holds, advancing its position past the bytes consumed.
     *
     * @return {@code false} if the handler asked to pause (bytes may remain in {@code in}),
     *         {@code true} once all of {@code in} was consumed
     * @throws ProtocolException if the input breaks the protocol; the decoder is then unusable
     */
    public boolean decode(ByteBuffer in, Handler handler) throws ProtocolException {
        boolean array = in.hasArray();
        while (in.hasRemaining()) {
            switch (state) {
                case FLAGS -> {
                    if (!commandsOnly) {
                        // Fast path: whole message frames, read straight from the heap array or
                        // the direct buffer.
                        if (!(array ? decodeWholeFrames(in, handler) : decodeWholeFramesDirect(in, handler))) {
                            return false;
                        }
                        if (!in.hasRemaining()) {
                            return true;
                        }
                    }
                    // Fast path: a whole short frame is already in the buffer.
                    if (in.remaining() >= 2) {
                        int pos = in.position();
                        int f = in.get(pos) & 0xFF;
                        if ((f & FrameFlags.LONG) == 0) {
                            int size = in.get(pos + 1) & 0xFF;
                            if (in.remaining() >= 2 + size) {
                                checkFlags(f);
                                checkSize(f, size);
                                byte[] b = size == 0 ? EMPTY : new byte[size];
                                in.position(pos + 2);
                                in.get(b);
                                if (!handler.onFrame(f & (FrameFlags.MORE | FrameFlags.COMMAND), b)) {
                                    return false;
                                }
                                continue;
                            }
                        }
                    }
                    flags = in.get() & 0xFF;
                    checkFlags(flags);
                    sizeAccumulator = 0;
                    sizeBytesRead = 0;
                    state = (flags & FrameFlags.LONG) != 0 ? State.LONG_SIZE : State.SHORT_SIZE;
                }
                case SHORT_SIZE -> startBody(in.get() & 0xFF);
                case LONG_SIZE -> {
                    while (sizeBytesRead < 8 && in.hasRemaining()) {
                        sizeAccumulator = (sizeAccumulator << 8) | (in.get() & 0xFF);
                        sizeBytesRead++;
                    }
                    if (sizeBytesRead == 8) {
                        if (sizeAccumulator < 0) {
                            throw new ProtocolException("frame size: " + Long.toUnsignedString(sizeAccumulator)
                                    + " (expected: <= " + Long.MAX_VALUE + ")");
                        }
                        startBody(sizeAccumulator);
                    }
                }
                case BODY -> {
                    int want = (int) Math.min(bodySize - bodyRead, in.remaining());
                    if (bodyRead + want > body.length) {
                        body = Arrays.copyOf(body, (int) Math.min(bodySize, Math.max((long) body.length * 2, bodyRead + want)));
                    }
                    in.get(body, bodyRead, want);
                    bodyRead += want;
                    if (bodyRead == bodySize && !completeBody(handler)) {
                        return false;
                    }
                }
            }
        }
        // A zero-length body completes without needing another byte.
        if (state == State.BODY && bodySize == 0) {
            return completeBody(handler);
        }
        return true;
    }

    /**
     * Hands over every whole message frame at the start of {@code in}'s heap array, leaving the
     * position at the first byte it did not take (a command, a partial frame, or the end).
     *
     * @return {@code false} if the handler asked to pause
     */
    private boolean decodeWholeFrames(ByteBuffer in, Handler handler) throws ProtocolException {
        byte[] a = in.array();
        int offset = in.arrayOffset();
        int pos = offset + in.position();
        int end = offset + in.limit();
        long limit = maxMessageFrame < 0 || maxMessageFrame > ARRAY_LIMIT ? ARRAY_LIMIT : maxMessageFrame;
        try {
            while (end - pos >= 2) {
                int f = a[pos] & 0xFF;
                if ((f & ~(FrameFlags.MORE | FrameFlags.LONG)) != 0) {
                    // A command or reserved bits: the general path knows what to do.
                    break;
                }
                int header;
                long size;
                if ((f & FrameFlags.LONG) == 0) {
                    header = 2;
                    size = a[pos + 1] & 0xFF;
                } else {
                    if (end - pos < 9) {
                        break;
                    }
                    header = 9;
                    size = readLong(a, pos + 1);
                    if (size < 0) {
                        break;
                    }
                }
                if (size > limit) {
                    // Refuse at the header, with the general path's message.
                    break;
                }
                if (end - pos - header < size) {
                    break;
                }
                int n = (int) size;
                byte[] b = new byte[n];
                System.arraycopy(a, pos + header, b, 0, n);
                pos += header + n;
                if (!handler.onFrame(f & FrameFlags.MORE, b)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.position(pos - offset);
        }
    }

    /**
     * As {@link #decodeWholeFrames} for a buffer without an accessible array (a direct read
     * buffer): each body is copied straight from it into its own array.
     */
    private boolean decodeWholeFramesDirect(ByteBuffer in, Handler handler) throws ProtocolException {
        int pos = in.position();
        int end = in.limit();
        long limit = maxMessageFrame < 0 || maxMessageFrame > ARRAY_LIMIT ? ARRAY_LIMIT : maxMessageFrame;
        try {
            while (end - pos >= 2) {
                int f = in.get(pos) & 0xFF;
                if ((f & ~(FrameFlags.MORE | FrameFlags.LONG)) != 0) {
                    break;
                }
                int header;
                long size;
                if ((f & FrameFlags.LONG) == 0) {
                    header = 2;
                    size = in.get(pos + 1) & 0xFF;
                } else {
                    if (end - pos < 9) {
                        break;
                    }
                    header = 9;
                    size = in.getLong(pos + 1);
                    if (size < 0) {
                        break;
                    }
                }
                if (size > limit || end - pos - header < size) {
                    break;
                }
                int n = (int) size;
                byte[] b = new byte[n];
                in.get(pos + header, b, 0, n);
                pos += header + n;
                if (!handler.onFrame(f & FrameFlags.MORE, b)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.position(pos);
        }
    }

    private static long readLong(byte[] a, int i) {
        return ((long) (a[i] & 0xFF) << 56) | ((long) (a[i + 1] & 0xFF) << 48) | ((long) (a[i + 2] & 0xFF) << 40)
                | ((long) (a[i + 3] & 0xFF) << 32) | ((long) (a[i + 4] & 0xFF) << 24) | ((a[i + 5] & 0xFF) << 16)
                | ((a[i + 6] & 0xFF) << 8) | (a[i + 7] & 0xFF);
    }

    private void startBody(long size) throws ProtocolException {
        checkSize(flags, size);
        bodySize = size;
        body = size == 0 ? EMPTY : new byte[(int) Math.min(size, commandsOnly ? HANDSHAKE_EAGER_LIMIT : EAGER_LIMIT)];
        bodyRead = 0;
        state = State.BODY;
    }

    private boolean completeBody(Handler handler) throws ProtocolException {
        byte[] b = body;
        body = null;
        state = State.FLAGS;
        return handler.onFrame(flags & (FrameFlags.MORE | FrameFlags.COMMAND), b);
    }

    /** Refuses a flags byte the protocol does not allow here, before its size is read. */
    private void checkFlags(int f) throws ProtocolException {
        if ((f & FrameFlags.RESERVED) != 0) {
            throw new ProtocolException("frame flags: 0x" + Greeting.hex((byte) f)
                    + " (expected: reserved bits 3-7 zero)");
        }
        boolean command = (f & FrameFlags.COMMAND) != 0;
        if (command && (f & FrameFlags.MORE) != 0) {
            throw new ProtocolException("command frame flags: 0x" + Greeting.hex((byte) f)
                    + " (expected: MORE not set on a command)");
        }
        if (!command && commandsOnly) {
            throw new ProtocolException("message frame during handshake (expected: a command)");
        }
    }

    private void checkSize(int f, long size) throws ProtocolException {
        boolean command = (f & FrameFlags.COMMAND) != 0;
        long limit = command ? maxCommandFrame : maxMessageFrame;
        if (limit < 0 || limit > ARRAY_LIMIT) {
            limit = ARRAY_LIMIT;
        }
        if (size > limit) {
            throw new ProtocolException((command ? "command" : "frame") + " size: " + size
                    + " (expected: <= " + limit + ")");
        }
    }
}
