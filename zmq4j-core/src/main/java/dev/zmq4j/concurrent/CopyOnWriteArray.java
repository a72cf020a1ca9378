package dev.zmq4j.concurrent;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A set of elements kept as an array that is replaced, never changed, on each addition or removal:
 * changed rarely (a peer connects, a poller registers), read on every message with one volatile
 * read. Thread-safe; changes are serialised on the instance.
 *
 * @param <T> the element type
 */
public final class CopyOnWriteArray<T> {
    private final IntFunction<T[]> newArray;
    private volatile T[] elements;

    /** An empty set; {@code newArray} makes arrays of the element type. */
    public CopyOnWriteArray(IntFunction<T[]> newArray) {
        this.newArray = newArray;
        this.elements = newArray.apply(0);
    }

    /** The elements now; never changed afterwards (do not change it either). */
    public T[] snapshot() {
        return elements;
    }

    /** Adds {@code e} at the end. */
    public synchronized void add(T e) {
        T[] old = elements;
        T[] next = Arrays.copyOf(old, old.length + 1);
        next[old.length] = e;
        elements = next;
    }

    /** Removes the first element identical to {@code e}, if any. */
    public synchronized boolean remove(T e) {
        T[] old = elements;
        for (int i = 0; i < old.length; i++) {
            if (old[i] == e) {
                T[] next = newArray.apply(old.length - 1);
                System.arraycopy(old, 0, next, 0, i);
                System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                elements = next;
                return true;
            }
        }
        return false;
    }

    /** Removes every element and returns them. */
    public synchronized T[] clear() {
        T[] old = elements;
        elements = newArray.apply(0);
        return old;
    }

    /** Whether there is no element. */
    public boolean isEmpty() {
        return elements.length == 0;
    }
}
