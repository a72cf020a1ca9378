package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;

/**
 * Sends each message to the next pipe, round-robin, skipping pipes at their HWM (PUSH, DEALER,
 * REQ). Used under the socket's send lock.
 */
public final class LoadBalancer {
    private final CopyOnWriteArray<Pipe> pipes = new CopyOnWriteArray<>(Pipe[]::new);
    private int next;
    private Pipe last;
    /** The pipes as the last send saw them: when they change, the turn resumes after {@link #last}. */
    private Pipe[] seen;

    /** Adds a pipe. Any thread. */
    public void add(Pipe p) {
        pipes.add(p);
    }

    /** Removes a pipe. Any thread. */
    public void remove(Pipe p) {
        pipes.remove(p);
    }

    /**
     * Queues {@code message} on the next pipe with room.
     *
     * @return {@code false} if no pipe has room (or there are none)
     */
    public boolean trySend(Object message) {
        Pipe[] ps = pipes.snapshot();
        if (ps != seen) {
            next = RoundRobin.resume(ps, last, next);
            seen = ps;
        }
        int n = ps.length;
        for (int i = 0; i < n; i++) {
            int idx = RoundRobin.turn(next, i, n);
            Pipe p = ps[idx];
            if (p.offerOut(message)) {
                next = idx + 1;
                last = p;
                return true;
            }
        }
        return false;
    }

    /** The pipe the last message went to. */
    public Pipe lastPipe() {
        return last;
    }

    /** The pipes now, for LINGER and statistics. */
    public Pipe[] pipes() {
        return pipes.snapshot();
    }
}
