package dev.zmq4j.transport.stream;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MAX_HANDSHAKES for one bound endpoint: counts the accepted connections still in their handshake
 * and stops accepting (the listening channel's auto-read off, so new connections wait in the
 * listen backlog) while the limit is reached. A connection stops counting when its handshake
 * completes or when it closes, whichever comes first. Counted as the listening channel reads each
 * connection, so accepting stops within the read that reaches the limit. Thread-safe.
 */
final class HandshakeGate {
    /** What a connection runs when nothing counts it: no limit, or it was never counted. */
    static final Runnable NONE = () -> { };

    private final int max;
    /** Connections in their handshake; guarded by this. */
    private int open;
    /** Whether accepting is stopped; guarded by this. */
    private boolean stopped;

    /** @param max the limit, 0 for none */
    HandshakeGate(int max) {
        this.max = max;
    }

    /** Whether there is a limit (MAX_HANDSHAKES above 0): if not, nothing is counted. */
    boolean isOn() {
        return max > 0;
    }

    /**
     * {@code server} accepted {@code child}, now in its handshake.
     *
     * @return what the child's session runs once its handshake completed (idempotent; also run when
     *         the child closes)
     */
    Runnable entered(Channel server, Channel child) {
        if (max == 0) {
            return NONE;
        }
        synchronized (this) {
            open++;
            update(server);
        }
        AtomicBoolean left = new AtomicBoolean();
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                left(server);
            }
        };
        child.closeFuture().addListener(f -> leave.run());
        return leave;
    }

    private synchronized void left(Channel server) {
        open--;
        update(server);
    }

    /** Under the lock: in lock order, so the last call leaves auto-read as the count wants it. */
    private void update(Channel server) {
        boolean full = open >= max;
        if (full != stopped) {
            stopped = full;
            server.config().setAutoRead(!full);
        }
    }
}
