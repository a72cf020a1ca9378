package dev.zmq4j.bench.jmh;

import dev.zmq4j.ZmqException;

/**
 * A loop on its own thread for the other end of a socket benchmark (a sender that keeps a queue
 * full, a receiver that keeps it drained, a REP that echoes). The loop body must return within a
 * short timeout so that {@link #close} can stop it.
 *
 * <p>Thread-safety: started and closed by one benchmark thread.
 */
final class Background implements AutoCloseable {
    /** One step of the loop; returns within a short timeout. */
    interface Step {
        void run();
    }

    private final Thread thread;
    private volatile boolean stopping;

    private Background(String name, Step step) {
        thread = new Thread(() -> {
            try {
                while (!stopping) {
                    step.run();
                }
            } catch (ZmqException e) {
                if (!stopping) {
                    throw e;
                }
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code step} in a loop on a new thread named {@code name}. */
    static Background start(String name, Step step) {
        Background b = new Background(name, step);
        b.thread.start();
        return b;
    }

    /** Stops the loop and waits for it. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5_000);
    }
}
