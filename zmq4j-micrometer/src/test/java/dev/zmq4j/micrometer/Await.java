package dev.zmq4j.micrometer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline, and a free tcp endpoint, for this module's tests (core's test helpers
 * live in the package {@code dev.zmq4j}, which the module {@code dev.zmq4j} owns).
 */
final class Await {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Await() {
    }

    /** Returns once {@code condition} holds; fails if it does not within {@code timeout}. */
    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> whatFailed) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + whatFailed.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** As {@link #until(BooleanSupplier, Duration, Supplier)} with a fixed description. */
    static void until(BooleanSupplier condition, Duration timeout, String whatFailed) {
        until(condition, timeout, () -> whatFailed);
    }

    /** A tcp endpoint on the loopback that nothing listened on a moment ago. */
    static String freeEndpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
