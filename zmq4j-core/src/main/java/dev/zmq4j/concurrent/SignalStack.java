package dev.zmq4j.concurrent;

import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The items that signalled since the last {@link #drainTo drain}: a lock-free intrusive stack. Each
 * item is a {@link Node} carrying its own link and flag, so a signal allocates nothing and an item
 * is in the stack at most once however often it signals.
 *
 * <p>No signal is lost: {@link #drainTo} clears each item's flag before handing it over and then
 * fences, so the caller looks at an item's state only after its flag is clear. A change made
 * before a {@link #signal} that found the flag still set (the item not yet drained) is seen by
 * that look; a change made after the look signals again and is drained next time.
 * {@code SignalStackLincheckTest} model-checks this. The {@code Poller} keeps its signalled
 * registrations here.
 *
 * <p>{@link #signal} from any thread; {@link #drainTo} from one thread at a time.
 *
 * @param <T> the items' type
 */
public final class SignalStack<T extends SignalStack.Node<T>> {
    /**
     * An item that can signal: its link in the stack and whether it is in it.
     *
     * @param <T> the items' type
     */
    public abstract static class Node<T extends Node<T>> {
        final AtomicBoolean signalled = new AtomicBoolean();
        T next;

        /** For subclasses. */
        protected Node() {
        }
    }

    private final AtomicReference<T> top = new AtomicReference<>();

    /**
     * Puts {@code node} on the stack unless it is there already. Any thread.
     *
     * @param node the item that signals
     * @return {@code true} if it was pushed now (the caller may wake the drainer), {@code false} if
     *         it was already waiting to be drained
     */
    public boolean signal(T node) {
        if (node.signalled.get() || !node.signalled.compareAndSet(false, true)) {
            return false;
        }
        T t;
        do {
            t = top.get();
            node.next = t;
        } while (!top.compareAndSet(t, node));
        return true;
    }

    /**
     * Whether nothing signalled since the last drain (a snapshot).
     *
     * @return {@code true} if the stack is empty
     */
    public boolean isEmpty() {
        return top.get() == null;
    }

    /**
     * Takes every item that signalled, each once, clearing its flag before adding it to {@code out}
     * (most recent first); then fences, so that what the caller reads of the items comes after the
     * clearing. One thread at a time.
     *
     * @param out where the items go
     */
    public void drainTo(Collection<? super T> out) {
        for (T n = top.getAndSet(null); n != null;) {
            // Read the link first: once the flag is clear, a new signal rewrites it.
            T following = n.next;
            n.signalled.set(false);
            out.add(n);
            n = following;
        }
        VarHandle.fullFence();
    }
}
