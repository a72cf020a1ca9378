package dev.zmq4j.pattern;

import static dev.zmq4j.pattern.FairQueueOwner.deliver;

import dev.zmq4j.concurrent.LincheckBudget;
import dev.zmq4j.pipe.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FairQueue}'s list of readable pipes (more than {@value FairQueue#VISIT_LIMIT} pipes),
 * model-checked by Lincheck: two connections' threads deliver messages and list their pipes while
 * the reader takes pipes off the list and puts them back. In every interleaving explored the reader
 * gets every message once, each pipe's in order: no pipe is left off the list with a message in it
 * (the reader would then wait forever, which Lincheck reports).
 */
@Timeout(300)
class FairQueueLincheckTest {
    @Test
    void everyMessageOnceWhileConnectionsListTheirPipes() {
        Lincheck.runConcurrentTest(LincheckBudget.times(100), () -> {
            FairQueueOwner owner = new FairQueueOwner();
            List<Pipe> pipes = new ArrayList<>();
            for (int i = 0; i <= FairQueue.VISIT_LIMIT; i++) {
                pipes.add(owner.newPipe());
            }
            Pipe a = pipes.get(2);
            Pipe b = pipes.get(9);
            List<String> got = new ArrayList<>();
            Thread first = new Thread(() -> {
                deliver(a, "a1");
                deliver(a, "a2");
            });
            Thread second = new Thread(() -> deliver(b, "b1"));
            Thread reader = new Thread(() -> {
                while (got.size() < 3) {
                    Object m = owner.fq.tryReceive();
                    if (m == null) {
                        Thread.onSpinWait();
                    } else {
                        got.add(new String((byte[]) m, StandardCharsets.UTF_8));
                    }
                }
            });
            first.start();
            second.start();
            reader.start();
            join(first);
            join(second);
            join(reader);
            if (!got.contains("b1") || got.indexOf("a1") < 0 || got.indexOf("a1") > got.indexOf("a2")) {
                throw new AssertionError("received " + got);
            }
            if (owner.fq.tryReceive() != null) {
                throw new AssertionError("a message received twice or left over after " + got);
            }
        });
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
