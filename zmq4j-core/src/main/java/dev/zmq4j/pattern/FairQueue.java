package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;

/**
 * Receives from each pipe in turn, one message at a time, so that no peer starves the others
 * (PULL, DEALER, ROUTER, REP, REQ). Terminated pipes are dropped once read empty. Used under the
 * socket's receive lock.
 */
public final class FairQueue {
    private final CopyOnWriteArray<Pipe> pipes = new CopyOnWriteArray<>(Pipe[]::new);
    private int next;
    private Pipe last;

    /** Adds a pipe. Any thread. */
    public void add(Pipe p) {
        pipes.add(p);
    }

    /** Removes a pipe at once, dropping what it holds. Any thread. */
    public void remove(Pipe p) {
        pipes.remove(p);
    }

    /** The next message from the next pipe that has one, or {@code null}. */
    public Object tryReceive() {
        Pipe[] ps = pipes.snapshot();
        int n = ps.length;
        for (int i = 0; i < n; i++) {
            int idx = RoundRobin.turn(next, i, n);
            Pipe p = ps[idx];
            Object m = p.pollIn();
            if (m != null) {
                next = idx + 1;
                last = p;
                return m;
            }
            if (p.isDead()) {
                pipes.remove(p);
            }
        }
        return null;
    }

    /** The pipe the last message came from. */
    public Pipe lastPipe() {
        return last;
    }

    /** The pipes now. */
    public Pipe[] pipes() {
        return pipes.snapshot();
    }
}
