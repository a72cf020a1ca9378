package dev.zmq4j.patterns.ppp;

import dev.zmq4j.patterns.Await;
import dev.zmq4j.patterns.Heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.patterns.LazyPirateClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Our queue with an RFC 6 worker written in Python on pyzmq (libzmq). */
@Timeout(90)
class ParanoidPirateInteropTest {
    private static final Heartbeat FAST = new Heartbeat(Duration.ofMillis(100), 5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void python() {
        PythonWorker.assumeAvailable();
    }

    @Test
    void pyzmqWorkerServesOurQueueHeartbeatsAndExpiresWhenItLeaves() throws Exception {
        int requests = 5;
        try (Context context = new Context();
             ParanoidPirateQueue queue = new ParanoidPirateQueue(context, "tcp://127.0.0.1:*", "tcp://127.0.0.1:*", FAST);
             PythonWorker python = new PythonWorker(queue.backendEndpoint(), FAST.interval(), requests);
             LazyPirateClient client = new LazyPirateClient(context, queue.frontendEndpoint(), Duration.ofSeconds(3), 5)) {
            assertThat(python.nextLine(WAIT)).isEqualTo("READY");
            Await.until(() -> queue.idleWorkers() == 1, WAIT, "python worker's READY seen");
            // Let a few heartbeats pass both ways before the requests.
            long until = System.nanoTime() + FAST.interval().multipliedBy(5).toNanos();
            Await.until(() -> System.nanoTime() - until > 0, WAIT, "five intervals");
            for (int i = 0; i < requests; i++) {
                assertThat(client.request(Message.of("q" + i)).toStrings()).containsExactly("py:q" + i);
            }
            String ok = python.nextLine(WAIT);
            Matcher m = Pattern.compile("OK requests=(\\d+) heartbeats=(\\d+)").matcher(ok);
            assertThat(m.matches()).as(ok).isTrue();
            assertThat(Integer.parseInt(m.group(1))).isEqualTo(requests);
            assertThat(Integer.parseInt(m.group(2))).as("the queue's heartbeats, 0x02, reached libzmq").isPositive();
            assertThat(python.exitStatus(WAIT)).isZero();
            // The worker has gone: silent for liveness x interval, it is expired.
            Await.until(() -> queue.expiredWorkers() == 1 && queue.workers() == 0, WAIT, "python worker expired");
            assertThat(queue.droppedMessages()).isZero();
        }
    }
}
