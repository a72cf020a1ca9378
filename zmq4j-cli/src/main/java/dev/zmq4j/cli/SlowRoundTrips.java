package dev.zmq4j.cli;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * The round trips of {@code perf remote-lat} slower than a threshold, kept with when they ended so
 * that they can be lined up with what the JVM logged at that moment ({@code -Xlog:gc,safepoint}
 * with the {@code time} decoration). Records into preallocated arrays: the timed loop allocates
 * nothing, and at most {@value #MAX} are kept (the rest are counted).
 */
final class SlowRoundTrips {
    /** The environment variable: the threshold, a round trip in microseconds. */
    static final String ENV = "PERF_SLOW_US";
    static final int MAX = 10_000;

    private final long thresholdNanos;
    private final long wallAtStartMillis = System.currentTimeMillis();
    private final long nanosAtStart = System.nanoTime();
    private final int[] index = new int[MAX];
    private final long[] endNanos = new long[MAX];
    private final long[] roundTripNanos = new long[MAX];
    private int kept;
    private long over;

    SlowRoundTrips(long thresholdMicros) {
        this.thresholdNanos = thresholdMicros * 1_000;
    }

    /** From {@value #ENV}, or {@code null} if it is unset or not a positive number of microseconds. */
    static SlowRoundTrips fromEnvironment() {
        return parse(System.getenv(ENV));
    }

    static SlowRoundTrips parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long us = Long.parseLong(value.trim());
            return us > 0 ? new SlowRoundTrips(us) : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV + ": " + value + " (expected: microseconds, > 0)");
        }
    }

    /** Round trip {@code i} took from {@code t0} to {@code t1} ({@link System#nanoTime()}). */
    void record(int i, long t0, long t1) {
        long rt = t1 - t0;
        if (rt < thresholdNanos) {
            return;
        }
        if (kept < MAX) {
            index[kept] = i;
            endNanos[kept] = t1;
            roundTripNanos[kept] = rt;
            kept++;
        } else {
            over++;
        }
    }

    /** The number of slow round trips seen (kept or not). */
    long count() {
        return kept + over;
    }

    /** One line per kept round trip: its number, when it ended (UTC, µs), and how long it took (µs). */
    void print(PrintWriter err) {
        err.println("slow round trips (>= " + thresholdNanos / 1_000 + " us): " + count()
                + (over > 0 ? " (the first " + MAX + " listed)" : ""));
        for (int k = 0; k < kept; k++) {
            long sinceStartMicros = (endNanos[k] - nanosAtStart) / 1_000;
            Instant end = Instant.ofEpochMilli(wallAtStartMillis).plusNanos(sinceStartMicros * 1_000);
            err.println("slow round trip " + index[k] + " ended " + end + " took " + roundTripNanos[k] / 1_000 + " us");
        }
        err.flush();
    }
}
