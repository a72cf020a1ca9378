package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;

/**
 * The pipes of a pattern: changed rarely (a peer connects or leaves), read on every message with
 * one volatile read. Thread-safe.
 */
final class PipeSet {
    private final CopyOnWriteArray<Pipe> pipes = new CopyOnWriteArray<>(Pipe[]::new);

    Pipe[] snapshot() {
        return pipes.snapshot();
    }

    void add(Pipe p) {
        pipes.add(p);
    }

    void remove(Pipe p) {
        pipes.remove(p);
    }

    /**
     * The index of the {@code i}-th pipe of a round-robin turn that starts at {@code next}
     * (which may be past the end after pipes left), among {@code n} pipes.
     */
    static int turn(int next, int i, int n) {
        int idx = next + i;
        if (idx >= n) {
            idx -= n;
            if (idx >= n) {
                idx %= n;
            }
        }
        return idx;
    }

    boolean isEmpty() {
        return pipes.isEmpty();
    }
}
