package dev.zmq4j.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LazyPirateClientTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private Context context;
    private final List<Thread> servers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        context = new Context();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        context.close();
        for (Thread t : servers) {
            t.join(10_000);
        }
    }

    /**
     * A REP server on tcp answering each request with {@code "<n>:<request>"} (n counts requests
     * from 1); before answering request n it waits on {@code held} (if {@code holdIf} says so) up
     * to three client timeouts, which makes the client give up on that try.
     */
    private String server(AtomicInteger count, IntPredicate holdIf, CountDownLatch held) {
        return server(count, "tcp://127.0.0.1:*", holdIf, held);
    }

    private String server(AtomicInteger count, String bindTo, IntPredicate holdIf, CountDownLatch held) {
        Socket rep = context.socket(SocketType.REP);
        String endpoint = rep.bind(bindTo);
        Thread t = new Thread(() -> {
            try (rep) {
                for (;;) {
                    Message request = rep.receive();
                    int n = count.incrementAndGet();
                    if (holdIf.test(n)) {
                        held.await(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS);
                    }
                    rep.send(n + ":" + request.toStrings().get(0));
                }
            } catch (ZmqException e) {
                // context closed: the test is over
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rep-server");
        t.setDaemon(true);
        t.start();
        servers.add(t);
        return endpoint;
    }

    private static String unusedTcpEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void returnsTheReplyOfAnAnsweringServer() {
        AtomicInteger count = new AtomicInteger();
        String endpoint = server(count, n -> false, null);
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, Duration.ofSeconds(5), 2)) {
            assertThat(client.request(Message.of("hello")).toStrings()).containsExactly("1:hello");
            assertThat(client.request(Message.of("again")).toStrings()).containsExactly("2:again");
        }
        assertThat(count.get()).isEqualTo(2);
    }

    @Test
    void retriesOnANewSocketWhenTheFirstReplyIsLate() {
        AtomicInteger count = new AtomicInteger();
        // Nobody counts this down: the first request is answered three timeouts late.
        CountDownLatch never = new CountDownLatch(1);
        String endpoint = server(count, n -> n == 1, never);
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, 3)) {
            // The late reply "1:ping" went to the closed first socket. Tries made while the server
            // was held are queued at the REP and answered in turn (to closed sockets but the last),
            // so the reply returned is that of some retry n >= 2, never the late first one.
            String reply = client.request(Message.of("ping")).toStrings().get(0);
            assertThat(reply).endsWith(":ping").isNotEqualTo("1:ping");
            assertThat(Integer.parseInt(reply.substring(0, reply.indexOf(':')))).isGreaterThanOrEqualTo(2);
            // No stale reply is left behind for the next request.
            String next = client.request(Message.of("next")).toStrings().get(0);
            assertThat(next).isEqualTo(count.get() + ":next");
        }
    }

    @Test
    void throwsNamingEndpointAndTriesWhenNoServerAnswers() throws IOException {
        String endpoint = unusedTcpEndpoint();
        int retries = 2;
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, retries)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.request(Message.of("anyone?")))
                    .isInstanceOfSatisfying(LazyPirateClient.NoReplyException.class, e -> {
                        assertThat(e.endpoint()).isEqualTo(endpoint);
                        assertThat(e.tries()).isEqualTo(3);
                    })
                    .hasMessageContaining(endpoint)
                    .hasMessageContaining("3 tries");
            long took = System.nanoTime() - start;
            assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.multipliedBy(3).toNanos());
            assertThat(took).isLessThan(TIMEOUT.multipliedBy(3).plusSeconds(3).toNanos());
        }
    }

    @Test
    void clientIsUsableAgainAfterGivingUp() throws IOException {
        Socket placeholder = context.socket(SocketType.REP);
        String endpoint = placeholder.bind("tcp://127.0.0.1:*");
        placeholder.close();
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, 0)) {
            assertThatThrownBy(() -> client.request(Message.of("early")))
                    .isInstanceOf(LazyPirateClient.NoReplyException.class)
                    .hasMessageContaining("1 tries");
            // A server comes up on the same endpoint; the client's fresh socket reaches it.
            String rebound = server(new AtomicInteger(), endpoint, n -> false, null);
            assertThat(rebound).isEqualTo(endpoint);
            Message reply = null;
            for (int i = 0; i < 20 && reply == null; i++) {
                try {
                    reply = client.request(Message.of("late"));
                } catch (LazyPirateClient.NoReplyException e) {
                    // the reconnect may take a few intervals
                }
            }
            assertThat(reply).isNotNull();
            assertThat(reply.toStrings().get(0)).endsWith(":late");
        }
    }

    @Test
    void serialisesRequestsFromSeveralThreads() throws Exception {
        AtomicInteger count = new AtomicInteger();
        String endpoint = server(count, n -> false, null);
        int threads = 4;
        int each = 25;
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, Duration.ofSeconds(5), 1)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String name = "t" + t;
                all.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        String body = name + "-" + i;
                        String reply = client.request(Message.of(body)).toStrings().get(0);
                        assertThat(reply).endsWith(":" + body);
                    }
                }, r -> new Thread(r).start()));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        }
        assertThat(count.get()).isEqualTo(threads * each);
    }

    @Test
    void movesToTheNextEndpointWhenOneDoesNotAnswerAndStaysThere() throws IOException {
        String dead = unusedTcpEndpoint();
        AtomicInteger count = new AtomicInteger();
        String live = server(count, n -> false, new CountDownLatch(0));
        try (LazyPirateClient client = new LazyPirateClient(context, List.of(dead, live), TIMEOUT, 2)) {
            assertThat(client.endpoints()).containsExactly(dead, live);
            assertThat(client.request(Message.of("a")).toStrings()).containsExactly("1:a");
            assertThat(client.request(Message.of("b")).toStrings()).containsExactly("2:b");
        }
        assertThat(count.get()).isEqualTo(2);
    }

    @Test
    void aReplyTheCheckRefusesCountsAsNoReply() {
        AtomicInteger count = new AtomicInteger();
        String endpoint = server(count, n -> false, new CountDownLatch(0));
        try (LazyPirateClient client = new LazyPirateClient(context, endpoint, TIMEOUT, 2)) {
            Message reply = client.request(Message.of("x"), r -> !r.toStrings().get(0).startsWith("1:"));
            assertThat(reply.toStrings()).containsExactly("2:x");
            assertThatThrownBy(() -> client.request(Message.of("y"), r -> false))
                    .isInstanceOf(LazyPirateClient.NoReplyException.class)
                    .satisfies(e -> assertThat(((LazyPirateClient.NoReplyException) e).tries()).isEqualTo(3));
        }
    }

    @Test
    void rejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> new LazyPirateClient(context, "tcp://127.0.0.1:1", Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout: PT0S");
        assertThatThrownBy(() -> new LazyPirateClient(context, "tcp://127.0.0.1:1", TIMEOUT, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries: -1");
    }

    @Test
    void requestAfterCloseFails() {
        LazyPirateClient client = new LazyPirateClient(context, "tcp://127.0.0.1:1", TIMEOUT, 1);
        client.close();
        assertThatThrownBy(() -> client.request(Message.of("x")))
                .isInstanceOf(ZmqException.SocketClosedException.class);
    }
}
