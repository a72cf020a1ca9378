package dev.zmq4j;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling with a deadline, for conditions no latch can signal (thread states, descriptor counts). */
public final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError if it does not hold within {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + whatFailed.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** As {@link #until(BooleanSupplier, Duration, Supplier)} with a fixed description. */
    public static void until(BooleanSupplier condition, Duration timeout, String whatFailed) {
        until(condition, timeout, () -> whatFailed);
    }

    /** Waits until {@code t} is parked or waiting (blocked in a socket call), or fails. */
    public static void blocked(Thread t, Duration timeout) {
        until(() -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING,
                timeout, () -> t + " is " + t.getState() + " (expected: WAITING)");
    }
}
