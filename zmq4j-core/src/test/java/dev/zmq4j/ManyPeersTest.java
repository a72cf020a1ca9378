package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sockets with more peers than a receive visits one by one (the fair queue then reads from its
 * list of readable pipes): every message once, each peer's in order, replies routed back, over
 * tcp and inproc; and a peer that leaves does not stop the others.
 */
@Timeout(120)
class ManyPeersTest {
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final int PEERS = 60;
    private static final int EACH = 50;
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

    private static String text(Message m) {
        assertThat(m).as("a message within %s", STEP).isNotNull();
        return m.frame(0).toUtf8();
    }

    private static String endpoint(String transport) {
        return transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://many-peers-" + System.nanoTime();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "inproc"})
    void routerHearsEveryDealerAndAnswersEach(String transport) {
        Socket router = socket(SocketType.ROUTER);
        String ep = router.bind(endpoint(transport));
        List<Socket> dealers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            Socket d = socket(SocketType.DEALER);
            d.set(Option.ROUTING_ID, ("d" + i).getBytes());
            d.connect(ep);
            dealers.add(d);
        }
        for (int k = 0; k < EACH; k++) {
            for (int i = 0; i < PEERS; i++) {
                dealers.get(i).send("d" + i + ":" + k);
            }
        }
        Map<String, Integer> nextFrom = new HashMap<>();
        for (int n = 0; n < PEERS * EACH; n++) {
            Message m = router.receive(STEP);
            assertThat(m).as("message %d of %d", n, PEERS * EACH).isNotNull();
            String id = m.frame(0).toUtf8();
            String body = m.frame(1).toUtf8();
            int k = nextFrom.merge(id, 1, Integer::sum) - 1;
            assertThat(body).isEqualTo(id + ":" + k);
            router.send(Message.of(id, "re " + body));
        }
        assertThat(nextFrom).hasSize(PEERS).allSatisfy((id, count) -> assertThat(count).isEqualTo(EACH));
        for (int i = 0; i < PEERS; i++) {
            for (int k = 0; k < EACH; k++) {
                assertThat(text(dealers.get(i).receive(STEP))).isEqualTo("re d" + i + ":" + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "inproc"})
    void pullKeepsReadingWhenPushersComeAndGo(String transport) {
        Socket pull = socket(SocketType.PULL);
        String ep = pull.bind(endpoint(transport));
        List<Socket> pushers = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            Socket p = socket(SocketType.PUSH);
            p.connect(ep);
            pushers.add(p);
        }
        // Round one: every pusher sends; half of them then close.
        for (int i = 0; i < PEERS; i++) {
            pushers.get(i).send("one " + i);
        }
        Map<String, Integer> got = new HashMap<>();
        for (int n = 0; n < PEERS; n++) {
            got.merge(text(pull.receive(STEP)), 1, Integer::sum);
        }
        for (int i = 0; i < PEERS; i += 2) {
            pushers.get(i).close();
        }
        // Round two: the others send, several messages each, idle peers in between.
        for (int k = 0; k < 5; k++) {
            for (int i = 1; i < PEERS; i += 2) {
                pushers.get(i).send("two " + i + " " + k);
            }
        }
        for (int n = 0; n < PEERS / 2 * 5; n++) {
            got.merge(text(pull.receive(STEP)), 1, Integer::sum);
        }
        assertThat(got).hasSize(PEERS + PEERS / 2 * 5).allSatisfy((m, count) -> assertThat(count).isEqualTo(1));
        assertThat(pull.receive(Duration.ofMillis(50))).isNull();
    }
}
