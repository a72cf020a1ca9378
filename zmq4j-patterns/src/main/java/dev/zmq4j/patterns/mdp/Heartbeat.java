package dev.zmq4j.patterns.mdp;

import java.time.Duration;

/**
 * The heartbeat agreement of RFC 7 between a broker and its workers: each side sends a HEARTBEAT
 * every {@code interval} when it has nothing else to send, and takes the other side for dead when
 * it heard nothing from it for {@code interval * liveness} (the {@link #expiry()}). Both sides must
 * use similar values, or live peers are taken for dead (RFC 7, "Known Weaknesses").
 *
 * <p>An immutable value; thread-safe.
 *
 * @param interval how often a heartbeat is sent; positive
 * @param liveness how many intervals of silence make a peer dead; {@code >= 1}
 */
public record Heartbeat(Duration interval, int liveness) {
    /** The zguide's values: 2500 ms, liveness 3 (a peer is dead after 7.5 s of silence). */
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofMillis(2500), 3);

    /**
     * @throws IllegalArgumentException if {@code interval} is not positive or {@code liveness < 1}
     */
    public Heartbeat {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
        }
        if (liveness < 1) {
            throw new IllegalArgumentException("liveness: " + liveness + " (expected: >= 1)");
        }
    }

    /** The default liveness (3) with another interval. */
    public static Heartbeat every(Duration interval) {
        return new Heartbeat(interval, DEFAULT.liveness);
    }

    /** {@code interval * liveness}: how long a silent peer is taken to be alive. */
    public Duration expiry() {
        return interval.multipliedBy(liveness);
    }
}
