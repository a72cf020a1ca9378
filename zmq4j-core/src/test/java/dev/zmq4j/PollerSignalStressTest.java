package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Poller.Event;
import dev.zmq4j.concurrent.LincheckBudget;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Poller's signal stack under contention, on real threads: several senders signal their
 * sockets concurrently (pushes onto the lock-free stack, each socket's signalled flag set and
 * cleared) while one thread polls. A lost signal would leave a socket readable that the poll never
 * reports: the poll would then time out with messages still on their way, which fails the test.
 * Every message arrives once and in order per sender. Senders block at a small HWM, so the
 * writable wake-ups (in-process "wake once") are exercised too. The iteration count grows with
 * {@code zmq4j.lincheck.scale}.
 */
@Timeout(120)
class PollerSignalStressTest {
    private static final Duration QUIET = Duration.ofSeconds(10);

    @Test
    void everyMessageIsReportedAndReceivedOnceInOrderOverInproc() throws Exception {
        run("inproc://poller-signal-stress-", 4, LincheckBudget.times(5_000));
    }

    @Test
    void everyMessageIsReportedAndReceivedOnceInOrderOverTcp() throws Exception {
        run(null, 3, LincheckBudget.times(3_000));
    }

    private static void run(String inprocPrefix, int senders, int perSender) throws Exception {
        try (Context ctx = new Context(); Poller poller = new Poller()) {
            List<Socket> pulls = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int s = 0; s < senders; s++) {
                Socket pull = ctx.socket(SocketType.PULL);
                pull.set(Option.RCVHWM, 5);
                String ep = pull.bind(inprocPrefix == null ? "tcp://127.0.0.1:*" : inprocPrefix + s);
                Socket push = ctx.socket(SocketType.PUSH);
                push.set(Option.SNDHWM, 5);
                push.connect(ep);
                pulls.add(pull);
                poller.register(pull, Event.READABLE);
                Thread t = new Thread(() -> {
                    try {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < perSender; i++) {
                            if (!push.send(ByteBuffer.allocate(4).putInt(i).array(), QUIET)) {
                                throw new AssertionError("send " + i + " blocked for " + QUIET);
                            }
                            if (random.nextInt(16) == 0) {
                                Thread.yield();
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "sender-" + s);
                threads.add(t);
            }
            threads.forEach(Thread::start);

            int[] next = new int[senders];
            long total = (long) senders * perSender;
            long received = 0;
            while (received < total) {
                int n = poller.poll(QUIET);
                assertThat(n).as("poll reported nothing for %s with %d of %d messages received (a lost signal?)",
                        QUIET, received, total).isPositive();
                for (int s = 0; s < senders; s++) {
                    if (!poller.isReadable(pulls.get(s))) {
                        continue;
                    }
                    Message m;
                    while ((m = pulls.get(s).tryReceive()) != null) {
                        int seq = ByteBuffer.wrap(m.first().toByteArray()).getInt();
                        assertThat(seq).as("sender %d", s).isEqualTo(next[s]);
                        next[s]++;
                        received++;
                    }
                }
            }
            for (Thread t : threads) {
                t.join(QUIET.toMillis());
            }
            assertThat(failure.get()).isNull();
            for (int s = 0; s < senders; s++) {
                assertThat(next[s]).isEqualTo(perSender);
            }
            assertThat(poller.pollNow()).isZero();
        }
    }
}
