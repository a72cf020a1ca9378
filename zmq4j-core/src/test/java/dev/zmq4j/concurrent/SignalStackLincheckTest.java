package dev.zmq4j.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SignalStack}, the Poller's signal stack, model-checked by Lincheck. Two items each have a
 * state (a version a signaller raises before it signals, as a socket's readiness changes before
 * its listener runs); both signal once before the threads start, then each signaller raises and
 * signals one of them again while the drainer drains and looks at the state of what it drained, as
 * a poll does. In every interleaving explored the drainer sees each item's last version: no signal
 * is lost, including one that found the item still waiting to be drained. A lost signal leaves the
 * drainer waiting forever, which Lincheck reports.
 */
@Timeout(300)
class SignalStackLincheckTest {
    /** An item with a state that changes before it signals. */
    private static final class Item extends SignalStack.Node<Item> {
        final AtomicInteger version = new AtomicInteger();
    }

    @Test
    void theDrainerSeesEveryChangeThatSignalled() {
        Lincheck.runConcurrentTest(LincheckBudget.times(200), () -> {
            SignalStack<Item> stack = new SignalStack<>();
            Item a = new Item();
            Item b = new Item();
            // Both signalled before the threads start, b then a: a is drained on top of b, and a's
            // second signal can race the drainer's walk from a to b.
            raise(stack, b);
            raise(stack, a);
            Thread first = new Thread(() -> raise(stack, a));
            Thread second = new Thread(() -> raise(stack, b));
            int[] seen = new int[2];
            Thread drainer = new Thread(() -> {
                List<Item> drained = new ArrayList<>();
                while (seen[0] < 2 || seen[1] < 2) {
                    drained.clear();
                    stack.drainTo(drained);
                    if (drained.isEmpty()) {
                        Thread.onSpinWait();
                    }
                    for (Item i : drained) {
                        seen[i == a ? 0 : 1] = i.version.get();
                    }
                }
            });
            first.start();
            second.start();
            drainer.start();
            join(first);
            join(second);
            join(drainer);
            List<Item> left = new ArrayList<>();
            stack.drainTo(left);
            if (left.size() > 2 || (left.size() == 2 && left.get(0) == left.get(1))) {
                throw new AssertionError("an item on the stack twice: " + left.size() + " entries");
            }
        });
    }

    /** A change, then its signal: what a socket's readiness and its listener do. */
    private static void raise(SignalStack<Item> stack, Item item) {
        item.version.incrementAndGet();
        stack.signal(item);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
