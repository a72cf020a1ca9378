package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connect before bind, reconnect to a restarted peer, and the RECONNECT_IVL back-off. */
@Timeout(60)
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void messagesSentBeforeTheBindArrive() {
        String ep = FreePort.endpoint();
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(ep);
            for (int i = 0; i < 5; i++) {
                assertThat(push.send(Message.of("early " + i), WAIT)).isTrue();
            }
            assertThat(pull.bind(ep)).isEqualTo(ep);
            for (int i = 0; i < 5; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("early " + i);
            }
        }
    }

    @Test
    void restartedPeerIsReconnected() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            String ep;
            try (Socket first = ctx.socket(SocketType.PULL)) {
                ep = first.bind("tcp://127.0.0.1:*");
                push.connect(ep);
                push.send("to the first");
                assertThat(first.receive(WAIT).toStrings()).containsExactly("to the first");
            }
            try (Context other = new Context(); Socket second = other.socket(SocketType.PULL)) {
                assertThat(second.bind(ep)).isEqualTo(ep);
                // A message written while the push still believed in the old connection may be
                // lost with it; once one arrives, the new connection is up and nothing else is lost.
                Await.until(() -> push.trySend(Message.of("probe")) && second.receive(Duration.ofMillis(50)) != null,
                        WAIT, "push reconnected to the restarted peer");
                for (int i = 0; i < 100; i++) {
                    push.send("after restart " + i);
                }
                int next = 0;
                while (next < 100) {
                    Message m = second.receive(WAIT);
                    assertThat(m).as("message %d after restart", next).isNotNull();
                    if (!m.toStrings().equals(List.of("probe"))) {
                        assertThat(m.toStrings()).containsExactly("after restart " + next);
                        next++;
                    }
                }
            }
        }
    }

    @Test
    void reconnectWaitsAboutReconnectIvl() throws Exception {
        List<Long> gaps = reconnectGaps(Duration.ofMillis(600), Duration.ZERO, 3);
        assertThat(gaps).allSatisfy(gap -> assertThat(gap).as("ms between drop and reconnect")
                .isGreaterThanOrEqualTo(400).isLessThan(5_000));
    }

    @Test
    void reconnectBacksOffUpToReconnectIvlMax() throws Exception {
        List<Long> gaps = reconnectGaps(Duration.ofMillis(100), Duration.ofMillis(1600), 5);
        // 100, 200, 400, 800, 1600 ms nominally: only the growth is asserted, not the timing.
        assertThat(gaps.get(4)).as("gaps %s", gaps).isGreaterThan(gaps.get(0) * 4).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void negativeReconnectIvlNeverReconnects() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
            push.set(Option.LINGER, Duration.ZERO);
            server.setSoTimeout((int) WAIT.toMillis());
            push.connect("tcp://127.0.0.1:" + server.getLocalPort());
            server.accept().close();
            server.setSoTimeout(1000);
            assertThatThrownBy(server::accept).as("no second connection").isInstanceOf(SocketTimeoutException.class);
        }
    }

    /**
     * Lets a PUSH connect to a plain server socket that drops each connection at once, and
     * returns the milliseconds between each drop and the next connection.
     */
    private static List<Long> reconnectGaps(Duration ivl, Duration ivlMax, int count) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.RECONNECT_IVL, ivl);
            push.set(Option.RECONNECT_IVL_MAX, ivlMax);
            push.set(Option.LINGER, Duration.ZERO);
            server.setSoTimeout(10_000);
            push.connect("tcp://127.0.0.1:" + server.getLocalPort());
            server.accept().close();
            long dropped = System.nanoTime();
            List<Long> gaps = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                java.net.Socket s = server.accept();
                gaps.add((System.nanoTime() - dropped) / 1_000_000);
                s.close();
                dropped = System.nanoTime();
            }
            return gaps;
        }
    }
}
