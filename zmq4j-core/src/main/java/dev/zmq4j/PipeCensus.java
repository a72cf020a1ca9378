package dev.zmq4j;

import dev.zmq4j.pipe.Pipe;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a waiting receive needs to know about a socket's pipes without visiting each of them (a
 * ROUTER may hold 10,000): whether any is in-process (the receive then yields a moment before it
 * parks), and whether any connection paused reading at RCVHWM (the receive then resumes those
 * that it made room for). Thread-safe.
 *
 * <p>The paused count is never below the number of paused pipes: a pipe reports its pause before it
 * reads as paused, and its resumption after (see {@link Pipe.Owner#pipeReadPaused}). A count
 * above it (a pipe dropped while paused) only costs a visit to every pipe.
 */
final class PipeCensus {
    private final Set<Pipe> inproc = ConcurrentHashMap.newKeySet();
    private final AtomicInteger paused = new AtomicInteger();

    /** {@code pipe} joined the socket. */
    void attached(Pipe pipe) {
        if (pipe.isInproc()) {
            inproc.add(pipe);
        }
    }

    /** {@code pipe} left the socket (again, for some callers: counted once). */
    void detached(Pipe pipe) {
        if (pipe.isInproc()) {
            inproc.remove(pipe);
        }
    }

    /** A connection paused reading at RCVHWM, or resumed. */
    void readPaused(boolean isPaused) {
        if (isPaused) {
            paused.incrementAndGet();
        } else {
            paused.decrementAndGet();
        }
    }

    /** {@return whether some pipe is in-process} */
    boolean anyInproc() {
        return !inproc.isEmpty();
    }

    /** {@return whether some connection may be paused at RCVHWM} */
    boolean anyPaused() {
        return paused.get() > 0;
    }
}
