package dev.zmq4j.patterns.ppp;

import dev.zmq4j.Frame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The queue's view of its workers: every known worker with the time it expires unless heard from
 * again, and the idle ones in least-recently-used order (the one idle longest gets the next
 * request).
 *
 * <p><b>Thread-safety:</b> not thread-safe; owned by the queue's loop thread.
 */
final class WorkerPool {
    private static final class Worker {
        final Frame id;
        long expiryNanos;
        boolean idle;

        Worker(Frame id) {
            this.id = id;
        }
    }

    private final long expiryNanos;
    private final Map<Frame, Worker> workers = new HashMap<>();
    private final ArrayDeque<Worker> idle = new ArrayDeque<>();

    WorkerPool(long expiryNanos) {
        this.expiryNanos = expiryNanos;
    }

    /**
     * Records traffic from worker {@code id}, pushing back its expiry.
     *
     * @return {@code false} if the worker was unknown (nothing is recorded then)
     */
    boolean heard(Frame id, long nowNanos) {
        Worker w = workers.get(id);
        if (w == null) {
            return false;
        }
        w.expiryNanos = nowNanos + expiryNanos;
        return true;
    }

    /** Records that worker {@code id} is alive and idle: it goes to the back of the idle line. */
    void ready(Frame id, long nowNanos) {
        Worker w = workers.computeIfAbsent(id, Worker::new);
        w.expiryNanos = nowNanos + expiryNanos;
        if (w.idle) {
            idle.remove(w);
        }
        w.idle = true;
        idle.addLast(w);
    }

    /** Takes the least recently used idle worker for a request, or {@code null} if none is idle. */
    Frame next() {
        Worker w = idle.pollFirst();
        if (w == null) {
            return null;
        }
        w.idle = false;
        return w.id;
    }

    /** Forgets the workers whose expiry has passed; returns their ids. */
    List<Frame> purge(long nowNanos) {
        List<Frame> expired = new ArrayList<>();
        for (Iterator<Worker> it = workers.values().iterator(); it.hasNext();) {
            Worker w = it.next();
            if (w.expiryNanos - nowNanos < 0) {
                it.remove();
                if (w.idle) {
                    idle.remove(w);
                }
                expired.add(w.id);
            }
        }
        return expired;
    }

    /** The ids of every known worker, idle or busy. */
    List<Frame> ids() {
        return new ArrayList<>(workers.keySet());
    }

    int size() {
        return workers.size();
    }

    int idleCount() {
        return idle.size();
    }
}
