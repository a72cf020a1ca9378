package dev.zmq4j.session;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HANDSHAKE_IVL for one session: a timer started when the connection opens and stopped when the
 * handshake completes or the connection closes; if it runs out first, the session is told (on its
 * I/O thread). Used on the session's I/O thread only.
 */
final class HandshakeDeadline {
    private final long millis;
    private ScheduledFuture<?> timer;

    /** @param millis HANDSHAKE_IVL in milliseconds; 0 or less for no deadline */
    HandshakeDeadline(long millis) {
        this.millis = millis;
    }

    /** Starts the timer on {@code executor}, which runs {@code expired} if it is not stopped first. */
    void start(ScheduledExecutorService executor, Runnable expired) {
        if (millis > 0) {
            timer = executor.schedule(() -> {
                timer = null;
                expired.run();
            }, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the timer, if it runs. */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** The reason a session gives when the deadline ran out. */
    String reason() {
        return "handshake timeout: not completed within " + millis + " ms (HANDSHAKE_IVL)";
    }
}
