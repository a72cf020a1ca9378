package dev.zmq4j.session;

import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The framing stage under a {@link ZmtpSession}: what carries its frames (the ZMTP byte stream over
 * tcp or ipc; one WebSocket message per frame later). The session gives it every frame it sends
 * and gets from it every frame received (see {@link ZmtpSession#onFrame}). Used on the channel's
 * I/O thread only, except {@link #executor()}.
 */
public interface FramingChannel {
    /**
     * Encodes a frame for sending; it reaches the wire at the next {@link #flush()} (or sooner,
     * once a batch is full). Every task that writes ends with a flush.
     */
    void write(int flags, byte[] body);

    /** Hands everything written to the connection. */
    void flush();

    /** Whether the connection takes more writes now (below its write buffer's high mark). */
    boolean isWritable();

    /** Whether bytes handed to the connection are not yet with the operating system. */
    boolean hasPendingWrites();

    /**
     * Sets the largest frames accepted and whether message frames are accepted at all (not before
     * the handshake completes: a message frame is then refused at its header).
     */
    void limits(boolean messages, long maxMessageFrame, long maxCommandFrame);

    /** Whether the decoder is between frames (nothing of a frame is held). */
    boolean atFrameBoundary();

    /**
     * After {@link ZmtpSession#onFrame} paused reading: decodes the bytes kept since (which may
     * pause again).
     *
     * @return {@code true} if all were decoded, {@code false} if the session paused again
     */
    boolean decodeKept();

    /**
     * Reads from the connection again after a pause, or, if the peer had ended its stream, tells
     * the session ({@link ZmtpSession#onInputEnded}). Called once the session has told its socket
     * about what {@link #decodeKept} delivered.
     */
    void readMore();

    /**
     * Closes once everything written has reached the operating system, or after
     * {@code graceMillis} at the latest (0 = at once, negative = no bound).
     */
    void close(long graceMillis);

    /** The I/O thread, for timers and tasks; any thread may use it. */
    ScheduledExecutorService executor();

    /** The peer's address. */
    SocketAddress remoteAddress();
}
