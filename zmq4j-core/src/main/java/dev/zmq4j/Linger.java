package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pipe.Pipe;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * LINGER at close: the closing thread waits until no pipe of the socket has anything unsent (its
 * connection wakes it through {@link Waiters#lingering}), or until LINGER runs out, or until it is
 * interrupted. It checks again at least every 100 ms.
 */
final class Linger {
    private Linger() {
    }

    /**
     * Waits up to {@code lingerNanos} (negative = no bound, 0 = not at all) until no pipe of
     * {@code pattern} has anything unsent.
     */
    static void await(Pattern pattern, Waiters waiters, long lingerNanos) {
        if (lingerNanos == 0 || !hasUnsent(pattern)) {
            return;
        }
        long start = System.nanoTime();
        Thread me = Thread.currentThread();
        waiters.lingering(me, true);
        try {
            while (hasUnsent(pattern)) {
                long wait = TimeUnit.MILLISECONDS.toNanos(100);
                if (lingerNanos >= 0) {
                    long left = lingerNanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        return;
                    }
                    wait = Math.min(left, wait);
                }
                LockSupport.parkNanos(Linger.class, wait);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } finally {
            waiters.lingering(me, false);
        }
    }

    private static boolean hasUnsent(Pattern pattern) {
        for (Pipe p : pattern.pipes()) {
            if (!p.isTerminated() && p.hasUnsent()) {
                return true;
            }
        }
        return false;
    }
}
