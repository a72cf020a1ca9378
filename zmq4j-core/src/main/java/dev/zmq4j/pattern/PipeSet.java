package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import java.util.Arrays;

/**
 * A copy-on-write set of pipes: changed rarely (a peer connects or leaves), read on every message.
 * Thread-safe.
 */
final class PipeSet {
    private static final Pipe[] NONE = new Pipe[0];
    private volatile Pipe[] pipes = NONE;

    Pipe[] snapshot() {
        return pipes;
    }

    synchronized void add(Pipe p) {
        Pipe[] old = pipes;
        Pipe[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = p;
        pipes = next;
    }

    synchronized void remove(Pipe p) {
        Pipe[] old = pipes;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == p) {
                Pipe[] next = new Pipe[old.length - 1];
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                pipes = next;
                return;
            }
        }
    }

    boolean isEmpty() {
        return pipes.length == 0;
    }
}
