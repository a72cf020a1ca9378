package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PUB/SUB at the high-water mark, over tcp and inproc: XPUB_NODROP refuses instead of dropping,
 * and a subscription that meets a full pipe waits for room instead of being lost.
 */
@Timeout(120)
class PubSubHighWaterMarkTest {
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /** An endpoint nothing is bound to yet. */
    private static String endpoint(String transport) {
        return transport.equals("tcp") ? FreePort.endpoint() : "inproc://hwm-" + NAMES.incrementAndGet();
    }

    /** Over tcp large messages, so that the kernel's buffers fill after a few hundred. */
    private static int payloadSize(String transport) {
        return transport.equals("tcp") ? 16 * 1024 : 8;
    }

    private static Message numbered(int n, int size) {
        return Message.of(ByteBuffer.allocate(4).putInt(n).array(), new byte[size]);
    }

    private static int number(Message m) {
        return ByteBuffer.wrap(m.frame(0).toByteArray()).getInt();
    }

    /** A publisher (SNDHWM 10) and a subscriber to everything (RCVHWM 10) that has not read yet. */
    private Socket[] slowPair(String transport, boolean nodrop) {
        Socket pub = socket(SocketType.PUB);
        pub.set(Option.SNDHWM, 10);
        pub.set(Option.XPUB_NODROP, nodrop);
        String ep = pub.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : endpoint(transport));
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.RCVHWM, 10);
        sub.set(Option.SUBSCRIBE, new byte[0]);
        sub.connect(ep);
        Await.until(() -> {
            pub.send(Message.of("sync"));
            return sub.tryReceive() != null;
        }, STEP, "the subscription never reached the publisher");
        while (sub.receive(Duration.ofMillis(100)) != null) {
            continue;
        }
        return new Socket[] {pub, sub};
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void withoutNodropASlowSubscriberAtHighWaterMarkMissesMessagesAndTheyAreCounted(String transport) {
        Socket[] pair = slowPair(transport, false);
        Socket pub = pair[0];
        Socket sub = pair[1];
        int n = transport.equals("tcp") ? 3000 : 200;
        for (int i = 0; i < n; i++) {
            assertThat(pub.trySend(numbered(i, payloadSize(transport)))).as("send %d never blocks", i).isTrue();
        }
        int got = 0;
        int last = -1;
        for (Message m; (m = sub.receive(Duration.ofMillis(500))) != null; got++) {
            assertThat(number(m)).isGreaterThan(last);
            last = number(m);
        }
        assertThat(got).as("messages received").isPositive().isLessThan(n);
        assertThat(pub.statistics().messagesDropped()).isEqualTo(n - got);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void withNodropASendToASubscriberAtHighWaterMarkWouldBlockAndNothingIsLost(String transport) throws Exception {
        Socket[] pair = slowPair(transport, true);
        Socket pub = pair[0];
        Socket sub = pair[1];
        int n = transport.equals("tcp") ? 3000 : 200;
        int size = payloadSize(transport);
        // Fill everything between the two sockets: a send that waits 200 ms in vain ends it.
        int sent = 0;
        while (pub.send(numbered(sent, size), Duration.ofMillis(200))) {
            sent++;
            assertThat(sent).as("the subscriber's HWM must stop the publisher").isLessThan(n);
        }
        if (transport.equals("inproc")) {
            assertThat(sent).as("an inproc pipe holds SNDHWM + RCVHWM").isEqualTo(20);
        }
        assertThat(pub.trySend(numbered(sent, size))).as("trySend at the HWM").isFalse();
        try (Poller poller = new Poller()) {
            poller.register(pub, Poller.Event.WRITABLE);
            assertThat(poller.poll(Duration.ofMillis(100))).as("WRITABLE while the subscriber is full").isZero();

            int first = sent;
            CompletableFuture<Boolean> rest = CompletableFuture.supplyAsync(() -> {
                for (int i = first; i < n; i++) {
                    if (!pub.send(numbered(i, size), STEP)) {
                        return false;
                    }
                }
                return true;
            });
            for (int i = 0; i < n; i++) {
                Message m = sub.receive(STEP);
                assertThat(m).as("message %d of %d", i, n).isNotNull();
                assertThat(number(m)).isEqualTo(i);
            }
            assertThat(rest.get()).as("every blocking send went out").isTrue();
            assertThat(sub.receive(Duration.ofMillis(100))).isNull();
            assertThat(pub.statistics().messagesDropped()).isZero();
            assertThat(poller.poll(STEP)).as("WRITABLE once the subscriber has room").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void subSubscriptionsBeyondTheSndhwmOfAPipeNotYetConnectedAllArrive(String transport) {
        String ep = endpoint(transport);
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SNDHWM, 2);
        sub.connect(ep);
        String[] topics = {"a", "b", "c", "d", "e"};
        for (String t : topics) {
            sub.set(Option.SUBSCRIBE, t.getBytes(StandardCharsets.UTF_8));
        }
        Socket pub = socket(SocketType.PUB);
        pub.bind(ep);
        boolean[] seen = new boolean[topics.length];
        Await.until(() -> {
            for (String t : topics) {
                pub.send(t + "-sync");
            }
            for (Message m; (m = sub.tryReceive()) != null; ) {
                seen[m.first().toUtf8().charAt(0) - 'a'] = true;
            }
            boolean all = true;
            for (boolean s : seen) {
                all &= s;
            }
            return all;
        }, STEP, () -> "topics received: " + java.util.Arrays.toString(seen) + " (expected: all five)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "inproc"})
    void xsubSubscriptionBehindAFullPipeArrivesAfterTheMessagesQueuedBeforeIt(String transport) {
        String ep = endpoint(transport);
        Socket xsub = socket(SocketType.XSUB);
        xsub.set(Option.SNDHWM, 5);
        xsub.connect(ep);
        for (int i = 0; i < 5; i++) {
            xsub.send("up" + i);
        }
        xsub.send("dropped: the pipe is full");
        assertThat(xsub.statistics().messagesDropped()).isEqualTo(1);
        xsub.send(new byte[] {1, 'a'});
        Socket xpub = socket(SocketType.XPUB);
        xpub.bind(ep);
        for (int i = 0; i < 5; i++) {
            assertThat(xpub.receive(STEP).toStrings()).containsExactly("up" + i);
        }
        assertThat(xpub.receive(STEP).first().toByteArray()).as("the subscription").containsExactly(1, 'a');
        xpub.send("a1");
        assertThat(xsub.receive(STEP).toStrings()).containsExactly("a1");
        assertThat(xpub.receive(Duration.ofMillis(100))).isNull();
    }
}
