package dev.zmq4j.patterns;

import java.time.Duration;

/**
 * The heartbeat agreement of a reliable pattern (Paranoid Pirate, RFC 6; Majordomo, RFC 7): each
 * side sends a HEARTBEAT every {@code interval} when it has nothing else to send, and takes the
 * other side for dead once it has heard nothing from it (heartbeat or any other message) for
 * {@code interval * liveness}, the {@link #expiry()}. Both sides must use similar values, or live
 * peers are taken for dead (RFC 7, "Known Weaknesses"); RFC 6 calls a liveness of 3 to 5 usual.
 *
 * <p>An immutable value; thread-safe.
 *
 * @param interval how often a heartbeat is sent; positive
 * @param liveness how many intervals of silence make a peer dead; {@code >= 1}
 */
public record Heartbeat(Duration interval, int liveness) {
    /** The zguide's Paranoid Pirate values: every second, dead after three silent seconds. */
    public static final Heartbeat PPP = new Heartbeat(Duration.ofSeconds(1), 3);
    /** The zguide's Majordomo values: every 2500 ms, dead after 7.5 s of silence. */
    public static final Heartbeat MDP = new Heartbeat(Duration.ofMillis(2500), 3);

    /**
     * Validates the values.
     *
     * @param interval how often a heartbeat is sent; positive
     * @param liveness how many intervals of silence make a peer dead; {@code >= 1}
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

    /**
     * {@return a heartbeat every {@code interval} with a liveness of 3}
     *
     * @param interval the time between two heartbeats; positive
     */
    public static Heartbeat every(Duration interval) {
        return new Heartbeat(interval, 3);
    }

    /** {@return {@code interval * liveness}: how long a silent peer is still taken to be alive} */
    public Duration expiry() {
        return interval.multipliedBy(liveness);
    }
}
