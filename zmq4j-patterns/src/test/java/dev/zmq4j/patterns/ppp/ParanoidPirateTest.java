package dev.zmq4j.patterns.ppp;

import dev.zmq4j.patterns.Await;
import dev.zmq4j.patterns.Heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.LazyPirateClient;
import dev.zmq4j.patterns.Reactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class ParanoidPirateTest {
    private static final Heartbeat FAST = new Heartbeat(Duration.ofMillis(150), 5);
    private static final Backoff SHORT = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400));
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ANY = "tcp://127.0.0.1:*";

    private Context context;
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void setUp() {
        context = new Context();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        context.close();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private ParanoidPirateWorker worker(ParanoidPirateQueue queue, String tag) {
        return keep(new ParanoidPirateWorker(context, queue.backendEndpoint(), FAST, SHORT,
                request -> Message.of(tag + ":" + request.first().toUtf8())));
    }

    private LazyPirateClient client(ParanoidPirateQueue queue) {
        return keep(new LazyPirateClient(context, queue.frontendEndpoint(), Duration.ofSeconds(2), 5));
    }

    /** A queue on the given endpoints, retrying the bind while the port of a closed queue is released. */
    private ParanoidPirateQueue queueOn(String frontend, String backend) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            try {
                return keep(new ParanoidPirateQueue(context, frontend, backend, FAST));
            } catch (ZmqException.AddressInUseException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    @Test
    void repliesReachTheirClientsThroughTheQueueFromTheWorkersInTurn() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        ParanoidPirateWorker one = worker(queue, "one");
        ParanoidPirateWorker two = worker(queue, "two");
        Await.until(() -> queue.idleWorkers() == 2, WAIT, "both workers ready at the queue");
        LazyPirateClient client = client(queue);
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String reply = client.request(Message.of("req" + i)).toStrings().get(0);
            assertThat(reply).endsWith(":req" + i);
            tags.add(reply.substring(0, reply.indexOf(':')));
        }
        assertThat(tags).containsExactlyInAnyOrder("one", "two");
        assertThat(one.requestsHandled() + two.requestsHandled()).isGreaterThanOrEqualTo(20);
        assertThat(queue.repliesRouted()).isGreaterThanOrEqualTo(20);
        assertThat(queue.expiredWorkers()).isZero();
        assertThat(queue.droppedMessages()).isZero();
    }

    @Test
    void speaksRfc6FramesWithARawWorker() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        Socket raw = keep(context.socket(SocketType.DEALER));
        raw.set(Option.LINGER, Duration.ZERO);
        raw.connect(queue.backendEndpoint());
        raw.send(Message.of(new byte[] {0x01}));
        // The queue heartbeats a worker it knows: one frame, the byte 0x02.
        Message heartbeat = raw.receive(WAIT);
        assertThat(heartbeat).isNotNull();
        assertThat(heartbeat.size()).isEqualTo(1);
        assertThat(heartbeat.first().toByteArray()).containsExactly(0x02);

        Socket req = keep(context.socket(SocketType.REQ));
        req.set(Option.LINGER, Duration.ZERO);
        req.connect(queue.frontendEndpoint());
        req.send("ping");
        Message request = receiveSkippingHeartbeats(raw);
        // A REQUEST: the client's address, the empty delimiter, the body.
        assertThat(request.size()).isEqualTo(3);
        assertThat(request.frame(1).isEmpty()).isTrue();
        assertThat(request.frame(2).toUtf8()).isEqualTo("ping");
        raw.send(Message.of(request.frame(0), Frame.EMPTY, Frame.of("pong")));
        assertThat(req.receive(WAIT).toStrings()).containsExactly("pong");
        Await.until(() -> queue.repliesRouted() == 1, WAIT, "reply counted");
    }

    private static Message receiveSkippingHeartbeats(Socket raw) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            Message m = raw.receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            assertThat(m).as("a request within " + WAIT).isNotNull();
            if (Command.parse(m, 0) != Command.HEARTBEAT) {
                return m;
            }
        }
    }

    @Test
    void expiresASilentWorkerAndServesRequestsFromTheLiveOne() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        Socket silent = keep(context.socket(SocketType.DEALER));
        silent.set(Option.LINGER, Duration.ZERO);
        silent.connect(queue.backendEndpoint());
        silent.send(Message.of(new byte[] {0x01}));
        Await.until(() -> queue.workers() == 1, WAIT, "the silent worker's READY seen");
        ParanoidPirateWorker live = worker(queue, "live");
        // The silent one never heartbeats: it is forgotten after liveness x interval.
        Await.until(() -> queue.expiredWorkers() == 1, WAIT, "silent worker expired");
        Await.until(() -> queue.workers() == 1 && queue.idleWorkers() == 1, WAIT, "only the live worker left");

        LazyPirateClient client = client(queue);
        for (int i = 0; i < 10; i++) {
            assertThat(client.request(Message.of("r" + i)).toStrings()).containsExactly("live:r" + i);
        }
        assertThat(live.requestsHandled()).isEqualTo(10);
        assertThat(live.reconnects()).isZero();
        // The silent worker got nothing but heartbeats (sent before it expired).
        Message m;
        while ((m = silent.tryReceive()) != null) {
            assertThat(Command.parse(m, 0)).isEqualTo(Command.HEARTBEAT);
        }
        assertThat(queue.expiredWorkers()).isEqualTo(1);
    }

    @Test
    void workerReconnectsWithBackoffToARestartedQueueAndServesAgain() {
        ParanoidPirateQueue first = queueOn(ANY, ANY);
        String frontend = first.frontendEndpoint();
        String backend = first.backendEndpoint();
        ParanoidPirateWorker worker = worker(first, "w");
        LazyPirateClient client = keep(new LazyPirateClient(context, frontend, Duration.ofMillis(1500), 20));
        assertThat(client.request(Message.of("before")).toStrings()).containsExactly("w:before");

        first.close();
        // With the queue gone the worker hears nothing: it gives up its socket and retries, backing off.
        Await.until(() -> worker.reconnects() >= 2, WAIT, "worker reconnected twice while the queue was down");

        ParanoidPirateQueue second = queueOn(frontend, backend);
        Await.until(() -> second.idleWorkers() == 1, WAIT, "worker READY at the restarted queue");
        assertThat(client.request(Message.of("after")).toStrings()).containsExactly("w:after");
        assertThat(worker.isConnected()).isTrue();
        long reconnects = worker.reconnects();
        // Now that it hears the queue's heartbeats it stays on the same socket.
        CountingClock.awaitIntervals(second, 10);
        assertThat(worker.reconnects()).isEqualTo(reconnects);
    }

    @Test
    void heartbeatFromAnUnknownWorkerIsTakenAsReady() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        Socket raw = keep(context.socket(SocketType.DEALER));
        raw.set(Option.LINGER, Duration.ZERO);
        raw.connect(queue.backendEndpoint());
        raw.send(Message.of(new byte[] {0x02}));
        Await.until(() -> queue.idleWorkers() == 1, WAIT, "heartbeating worker admitted");
    }

    @Test
    void dropsMalformedMessagesFromWorkers() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        Socket raw = keep(context.socket(SocketType.DEALER));
        raw.set(Option.LINGER, Duration.ZERO);
        raw.connect(queue.backendEndpoint());
        raw.send(Message.of(new byte[] {0x07}));
        raw.send(Message.of("no", "envelope"));
        Await.until(() -> queue.droppedMessages() == 2, WAIT, "two malformed messages dropped");
        assertThat(queue.repliesRouted()).isZero();
    }

    @Test
    void queueAndWorkerCloseWithinTheirBound() {
        ParanoidPirateQueue queue = queueOn(ANY, ANY);
        ParanoidPirateWorker worker = worker(queue, "w");
        Await.until(() -> queue.idleWorkers() == 1, WAIT, "worker ready");
        long start = System.nanoTime();
        worker.close();
        queue.close();
        assertThat(System.nanoTime() - start).isLessThan(Reactor.CLOSE_WAIT.multipliedBy(2).toNanos());
        assertThat(worker.isConnected()).isFalse();
    }

    /** Waits for some heartbeat intervals of a queue to pass, without sleeping blindly. */
    private static final class CountingClock {
        static void awaitIntervals(ParanoidPirateQueue queue, int intervals) {
            long until = System.nanoTime() + queue.heartbeat().interval().multipliedBy(intervals).toNanos();
            Await.until(() -> System.nanoTime() - until > 0, WAIT, intervals + " intervals passed");
        }
    }
}
