package dev.zmq4j.patterns;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline, for conditions no latch can signal. */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails if it does not within {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, String whatFailed) {
        until(condition, timeout, () -> whatFailed);
    }

    /** {@link #until(BooleanSupplier, Duration, String)}, the failure's text computed when it fails (to show a state). */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + whatFailed.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
