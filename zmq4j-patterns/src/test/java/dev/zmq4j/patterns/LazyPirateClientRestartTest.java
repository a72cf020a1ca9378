package dev.zmq4j.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A Lazy Pirate client across a REP server that is killed and restarted on the same endpoint. */
@Timeout(90)
class LazyPirateClientRestartTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int REQUESTS = 30;
    private static final int CRASH_ON = 10;

    private Context context;
    private final CountDownLatch testOver = new CountDownLatch(1);
    private Thread server;

    @BeforeEach
    void setUp() {
        context = new Context();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        testOver.countDown();
        context.close();
        if (server != null) {
            server.join(10_000);
        }
    }

    /**
     * A REP answering {@code "reply:<request>"}; on the {@code CRASH_ON}th request it closes its
     * socket without answering, stays down for {@code down} and binds the same endpoint again.
     */
    private String startServer(AtomicInteger received, Duration down) {
        Socket first = context.socket(SocketType.REP);
        first.set(Option.LINGER, Duration.ZERO);
        String endpoint = first.bind("tcp://127.0.0.1:*");
        server = new Thread(() -> {
            Socket rep = first;
            try {
                for (;;) {
                    Message request = rep.receive(Duration.ofMillis(100));
                    if (testOver.getCount() == 0) {
                        return;
                    }
                    if (request == null) {
                        continue;
                    }
                    if (received.incrementAndGet() == CRASH_ON) {
                        rep.close();
                        // The downtime the client must ride out; ends early when the test is over.
                        if (testOver.await(down.toMillis(), TimeUnit.MILLISECONDS)) {
                            return;
                        }
                        rep = rebind(endpoint);
                        continue;
                    }
                    rep.send("reply:" + request.first().toUtf8());
                }
            } catch (ZmqException e) {
                // context closed: the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rep.close();
            }
        }, "crashing-rep");
        server.setDaemon(true);
        server.start();
        return endpoint;
    }

    private Socket rebind(String endpoint) throws InterruptedException {
        for (;;) {
            Socket rep = context.socket(SocketType.REP);
            rep.set(Option.LINGER, Duration.ZERO);
            try {
                rep.bind(endpoint);
                return rep;
            } catch (ZmqException.AddressInUseException e) {
                rep.close();
                if (testOver.await(50, TimeUnit.MILLISECONDS)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void everyRequestIsAnsweredOnceOrReportedFailedAcrossARestart() {
        AtomicInteger received = new AtomicInteger();
        // Down for about two tries: the request in flight is retried and answered by the new server.
        String endpoint = startServer(received, TIMEOUT.multipliedBy(2));
        List<String> answered = new ArrayList<>();
        int failed = 0;
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, 5)) {
            for (int i = 1; i <= REQUESTS; i++) {
                String body = "r" + i;
                try {
                    String reply = client.request(Message.of(body)).toStrings().get(0);
                    // Never a reply to another request: each try is on a fresh socket.
                    assertThat(reply).isEqualTo("reply:" + body);
                    answered.add(body);
                } catch (LazyPirateClient.NoReplyException e) {
                    assertThat(e.tries()).isEqualTo(6);
                    failed++;
                }
            }
        }
        Set<String> distinct = new HashSet<>(answered);
        assertThat(distinct).as("none answered twice").hasSize(answered.size());
        assertThat(answered.size() + failed).isEqualTo(REQUESTS);
        // Six tries of 300 ms outlast 600 ms of downtime even on a slow machine's reconnect.
        assertThat(failed).isZero();
        // The request lost in the crash reached the server again after the restart.
        assertThat(received.get()).isGreaterThan(REQUESTS);
    }

    @Test
    void requestsFailAndAreReportedWhileTheServerStaysDownThenSucceedAgain() {
        AtomicInteger received = new AtomicInteger();
        // Down far longer than a request's tries: that request, and maybe the next, fail.
        String endpoint = startServer(received, Duration.ofSeconds(3));
        int answered = 0;
        int failed = 0;
        Set<String> replies = new HashSet<>();
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, 1)) {
            for (int i = 1; i <= REQUESTS; i++) {
                String body = "r" + i;
                try {
                    String reply = client.request(Message.of(body)).toStrings().get(0);
                    assertThat(reply).isEqualTo("reply:" + body);
                    assertThat(replies.add(reply)).as("answered once: " + reply).isTrue();
                    answered++;
                } catch (LazyPirateClient.NoReplyException e) {
                    assertThat(e.tries()).isEqualTo(2);
                    failed++;
                }
            }
        }
        assertThat(answered + failed).isEqualTo(REQUESTS);
        assertThat(failed).isPositive();
        assertThat(answered).isGreaterThanOrEqualTo(CRASH_ON);
        assertThat(replies).contains("reply:r1", "reply:r" + REQUESTS);
    }
}
