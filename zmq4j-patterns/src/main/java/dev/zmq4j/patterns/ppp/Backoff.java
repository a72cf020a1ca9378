package dev.zmq4j.patterns.ppp;

import java.time.Duration;

/**
 * An exponential back-off between reconnections: the first wait is {@code initial}, each next one
 * twice the previous, never more than {@code max}. The zguide's Paranoid Pirate worker waits 1 s,
 * 2 s, 4 s... up to 32 s, and goes back to 1 s once it hears from the queue again.
 *
 * <p><b>Thread-safety:</b> an immutable value.
 *
 * @param initial the first wait; positive
 * @param max     the longest wait; {@code >= initial}
 */
public record Backoff(Duration initial, Duration max) {
    /** The zguide's values: 1 s doubling up to 32 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(32));

    /**
     * Validates the values.
     *
     * @param initial the first wait; positive
     * @param max     the longest wait; {@code >= initial}
     * @throws IllegalArgumentException if {@code initial} is not positive or {@code max < initial}
     */
    public Backoff {
        if (initial == null || initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: > 0)");
        }
        if (max == null || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= initial " + initial + ")");
        }
    }

    /**
     * {@return the wait after {@code current}: twice it, at most {@link #max()}}
     *
     * @param current the last wait
     */
    public Duration next(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
