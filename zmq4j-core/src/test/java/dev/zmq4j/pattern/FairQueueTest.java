package dev.zmq4j.pattern;

import static dev.zmq4j.pattern.FairQueueOwner.deliver;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pipe.Pipe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FairQueue} with few pipes (a receive visits each) and with many (it reads from the list of
 * pipes told readable): every message once, one message per pipe per turn, empty and dead pipes
 * left out, and no message lost to a race between a connection listing its pipe and the reader
 * taking it off the list.
 */
class FairQueueTest {
    /** Pipes whose owner tells the fair queue, as a socket's port tells its pattern. */
    private static List<String> drain(FairQueue fq) {
        List<String> got = new ArrayList<>();
        Object m;
        while ((m = fq.tryReceive()) != null) {
            got.add(new String((byte[]) m));
        }
        return got;
    }

    @ParameterizedTest(name = "{0} pipes")
    @ValueSource(ints = {3, FairQueue.VISIT_LIMIT, FairQueue.VISIT_LIMIT + 1, 1000})
    void takesOneMessagePerPipeInTurnAndEachOnce(int pipes) {
        FairQueueOwner q = new FairQueueOwner();
        List<Pipe> ps = new ArrayList<>();
        for (int i = 0; i < pipes; i++) {
            ps.add(q.newPipe());
        }
        // Three pipes with messages, far apart: 3 messages on the first, 1 on the second, 2 on the last.
        Pipe a = ps.get(0);
        Pipe b = ps.get(pipes / 2);
        Pipe c = ps.get(pipes - 1);
        deliver(a, "a1");
        deliver(a, "a2");
        deliver(b, "b1");
        deliver(c, "c1");
        deliver(a, "a3");
        deliver(c, "c2");

        List<String> got = drain(q.fq);

        assertThat(got).containsExactlyInAnyOrder("a1", "a2", "a3", "b1", "c1", "c2");
        // Each pipe's messages in order, and no pipe twice in a row while another has messages.
        assertThat(got.stream().filter(s -> s.startsWith("a"))).containsExactly("a1", "a2", "a3");
        assertThat(got.stream().filter(s -> s.startsWith("c"))).containsExactly("c1", "c2");
        assertThat(got.subList(0, 3)).extracting(s -> s.charAt(0)).containsExactlyInAnyOrder('a', 'b', 'c');
        assertThat(got.subList(3, 5)).extracting(s -> s.charAt(0)).containsExactlyInAnyOrder('a', 'c');
        assertThat(got.get(5)).isEqualTo("a3");
        assertThat(q.fq.tryReceive()).isNull();
    }

    @Test
    void aDeadPipeLeavingDoesNotGiveTheNextPipeTwoTurns() {
        FairQueueOwner q = new FairQueueOwner();
        Pipe a = q.newPipe();
        Pipe b = q.newPipe();
        Pipe c = q.newPipe();
        deliver(a, "a1");
        deliver(b, "b1");
        deliver(b, "b2");
        deliver(b, "b3");
        deliver(c, "c1");
        deliver(c, "c2");
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            got.add(new String((byte[]) q.fq.tryReceive()));
        }
        a.terminate(); // read empty: it leaves on the next visit, which goes on to b
        got.addAll(drain(q.fq));
        assertThat(got).containsExactly("a1", "b1", "c1", "b2", "c2", "b3");
    }

    @Test
    void messagesQueuedBeforeTheSwitchToTheListAreRead() {
        FairQueueOwner q = new FairQueueOwner();
        List<Pipe> ps = new ArrayList<>();
        for (int i = 0; i < FairQueue.VISIT_LIMIT; i++) {
            ps.add(q.newPipe());
        }
        deliver(ps.get(3), "early");
        Pipe late = new Pipe(q, 0, 0);
        assertThat(late.offerIn("before-add".getBytes())).isTrue();

        q.fq.add(late); // past the limit: the queue switches to its list

        assertThat(drain(q.fq)).containsExactlyInAnyOrder("early", "before-add");
    }

    @Test
    void deadPipesLeaveOnceReadEmpty() {
        FairQueueOwner q = new FairQueueOwner();
        List<Pipe> ps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ps.add(q.newPipe());
        }
        drain(q.fq);
        deliver(ps.get(7), "last words");
        ps.get(7).terminate();
        ps.get(8).terminate();

        assertThat(drain(q.fq)).containsExactly("last words");
        assertThat(q.fq.pipes()).hasSize(38).doesNotContain(ps.get(7), ps.get(8));
    }

    /**
     * Producers deliver to random pipes (listing them) while the reader takes messages (taking
     * pipes off the list) and more pipes are added across the switch: every message arrives once.
     */
    @Test
    @Timeout(60)
    void noMessageIsLostBetweenListingAndReading() throws Exception {
        for (int round = 0; round < 20; round++) {
            FairQueueOwner q = new FairQueueOwner();
            List<Pipe> ps = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ps.add(q.newPipe());
            }
            ConcurrentLinkedQueue<Pipe> added = new ConcurrentLinkedQueue<>(ps);
            int producers = 3;
            int perProducer = 10_000;
            CountDownLatch start = new CountDownLatch(1);
            AtomicBoolean adding = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < producers; t++) {
                int id = t;
                threads.add(new Thread(() -> {
                    await(start);
                    for (int i = 0; i < perProducer; i++) {
                        Pipe[] now = added.toArray(new Pipe[0]);
                        // Each producer owns the pipes of its residue, so each pipe has one writer.
                        List<Pipe> mine = new ArrayList<>();
                        for (int k = id; k < now.length; k += producers) {
                            mine.add(now[k]);
                        }
                        Pipe p = mine.get(i % mine.size());
                        deliver(p, id + ":" + i);
                    }
                }));
            }
            Thread adder = new Thread(() -> {
                await(start);
                for (int i = 0; i < 30 && adding.get(); i++) {
                    added.add(q.newPipe());
                    Thread.yield();
                }
            });
            threads.forEach(Thread::start);
            adder.start();
            start.countDown();

            Map<String, Integer> seen = new HashMap<>();
            int expected = producers * perProducer;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                Object m = q.fq.tryReceive();
                if (m == null) {
                    Thread.onSpinWait();
                    continue;
                }
                seen.merge(new String((byte[]) m), 1, Integer::sum);
            }
            adding.set(false);
            for (Thread t : threads) {
                t.join();
            }
            adder.join();
            seen.putAll(countRest(q.fq, seen));

            assertThat(seen).hasSize(expected);
            assertThat(seen.values()).allMatch(n -> n == 1);
        }
    }

    private static Map<String, Integer> countRest(FairQueue fq, Map<String, Integer> seen) {
        Map<String, Integer> rest = new HashMap<>(seen);
        for (String s : drain(fq)) {
            rest.merge(s, 1, Integer::sum);
        }
        return rest;
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
