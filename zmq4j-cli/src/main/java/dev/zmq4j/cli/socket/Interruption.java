package dev.zmq4j.cli.socket;

import dev.zmq4j.Context;

/**
 * Ctrl-C for a running command: a JVM shutdown hook that closes the command's context, so that
 * every socket closes within its LINGER (queued messages get that long to leave) and the command's
 * thread, blocked in a send or receive, wakes with an exception. The JVM then exits with 130, its
 * status for SIGINT. {@link #close()} removes the hook when the command ends by itself.
 *
 * <p>Thread-safe.
 */
final class Interruption implements AutoCloseable {
    private final Thread hook;
    private volatile boolean happened;

    private Interruption(Context context) {
        this.hook = new Thread(() -> {
            happened = true;
            context.close();
        }, "zmq4j-interrupt");
    }

    /** Installs the hook for {@code context}. */
    static Interruption install(Context context) {
        Interruption i = new Interruption(context);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** Whether the JVM is shutting down (Ctrl-C, SIGTERM) and the hook has run or is running. */
    boolean happened() {
        return happened;
    }

    /** Removes the hook; does nothing while the JVM is already shutting down. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or has run: nothing to remove.
        }
    }
}
