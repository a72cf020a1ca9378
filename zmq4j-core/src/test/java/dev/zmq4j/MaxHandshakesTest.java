package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MAX_HANDSHAKES (zmq4j's own option): a bound endpoint holds at most that many connections in
 * their handshake; the next ones wait in the listen backlog until one completes or fails, and are
 * then served. 0, the default, is no limit.
 */
@Timeout(60)
class MaxHandshakesTest {
    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static java.net.Socket silent(String endpoint) throws Exception {
        java.net.Socket raw = new java.net.Socket();
        raw.connect(new InetSocketAddress("127.0.0.1", port(endpoint)), 5000);
        return raw;
    }

    @Test
    void connectionsPastTheLimitWaitUntilAHandshakeEnds() throws Exception {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER);
             Socket dealer = ctx.socket(SocketType.DEALER)) {
            router.set(Option.MAX_HANDSHAKES, 2);
            Monitor accepts = router.monitor(EnumSet.of(SocketEvent.Type.ACCEPTED));
            String ep = router.bind("tcp://127.0.0.1:*");
            List<java.net.Socket> raws = new ArrayList<>();
            try {
                // Two connections that never send a greeting take the two places.
                raws.add(silent(ep));
                raws.add(silent(ep));
                Events.await(accepts, SocketEvent.Type.ACCEPTED);
                Events.await(accepts, SocketEvent.Type.ACCEPTED);

                // A real peer connects (the kernel completes the TCP handshake from the backlog)
                // but is not accepted: its message does not arrive.
                dealer.connect(ep);
                dealer.send("hello".getBytes(StandardCharsets.UTF_8));
                assertThat(router.receive(Duration.ofMillis(500))).as("served while both places are held").isNull();
                assertThat(accepts.next(Duration.ZERO)).as("a third connection accepted").isNull();

                // One silent connection leaves: the dealer's connection is accepted and served.
                raws.remove(0).close();
                Message m = router.receive(Duration.ofSeconds(10));
                assertThat(m).as("served once a place was free").isNotNull();
                assertThat(m.toStrings().get(1)).isEqualTo("hello");
                Events.await(accepts, SocketEvent.Type.ACCEPTED);

                // Its handshake completed, so its place is free again: another connection is accepted.
                raws.add(silent(ep));
                Events.await(accepts, SocketEvent.Type.ACCEPTED);
            } finally {
                for (java.net.Socket r : raws) {
                    r.close();
                }
            }
        }
    }

    @Test
    void aPlaceHeldByAStalledPeerIsFreedByHandshakeIvl() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.MAX_HANDSHAKES, 1);
            pull.set(Option.HANDSHAKE_IVL, Duration.ofMillis(300));
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (java.net.Socket raw = silent(ep)) {
                push.connect(ep);
                push.send("after".getBytes(StandardCharsets.UTF_8));
                // The stalled peer is cut after 300 ms; then the push's connection is accepted.
                Message m = pull.receive(Duration.ofSeconds(10));
                assertThat(m).isNotNull();
                assertThat(m.toStrings().get(0)).isEqualTo("after");
            }
        }
    }

    @Test
    void zeroIsNoLimitAndNegativeIsRefused() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PULL)) {
            assertThat(s.get(Option.MAX_HANDSHAKES)).isZero();
            assertThatThrownBy(() -> s.set(Option.MAX_HANDSHAKES, -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAX_HANDSHAKES");
        }
    }
}
