package dev.zmq4j.patterns.ppp;

import java.time.Duration;

/**
 * The heartbeat contract both ends of a Paranoid Pirate conversation agree on (RFC 6): each sends
 * a HEARTBEAT every {@code interval}, and treats the other as gone once it has heard nothing from
 * it (heartbeat or any other message) for {@code liveness} intervals. The zguide uses 1 s and 3;
 * RFC 6 calls 3 to 5 usual.
 *
 * <p><b>Thread-safety:</b> an immutable value.
 *
 * @param interval how often a heartbeat is sent; positive
 * @param liveness how many intervals of silence mean the peer is gone; {@code >= 1}
 */
public record Heartbeat(Duration interval, int liveness) {
    /** The zguide's values: every second, gone after three silent seconds. */
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(1), 3);

    /**
     * Validates the values.
     *
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

    /** How long a peer may stay silent before it is treated as gone: {@code liveness x interval}. */
    public Duration expiry() {
        return interval.multipliedBy(liveness);
    }
}
