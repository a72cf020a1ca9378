package dev.zmq4j;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actions to run once a socket has closed ({@link Socket#onClose}). Each action runs once: on
 * the thread that closed the socket, after the close, or at once on the registering thread if
 * the socket had closed already. An action that throws a {@code RuntimeException} is
 * logged (WARN) and the others still run; the close itself never fails because of one.
 *
 * <p>Thread-safe: add, remove and run may race; an action added while the socket closes is run
 * either by the close or by its own registration, never both, never neither.
 */
final class CloseActions {
    private static final Logger LOG = LoggerFactory.getLogger(CloseActions.class);

    /** The actions waiting for the close; {@code null} once they were taken to run. Guarded by this. */
    private List<Runnable> waiting = new ArrayList<>(1);

    /**
     * Adds an action, or runs it now if the close already ran its actions.
     *
     * @param owner what closed, for the log
     */
    void add(Runnable action, Object owner) {
        synchronized (this) {
            if (waiting != null) {
                waiting.add(action);
                return;
            }
        }
        run(action, owner);
    }

    /** Removes an action not yet run; {@code true} if it was waiting. */
    synchronized boolean remove(Runnable action) {
        if (waiting == null) {
            return false;
        }
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i) == action) {
                waiting.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Runs every action added, in order, once; later additions run as they are added. */
    void runAll(Object owner) {
        List<Runnable> taken;
        synchronized (this) {
            taken = waiting;
            waiting = null;
        }
        if (taken != null) {
            for (Runnable r : taken) {
                run(r, owner);
            }
        }
    }

    private static void run(Runnable action, Object owner) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: a close action failed", owner, e);
        }
    }
}
