package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** ROUTER/DEALER over every transport: routing ids, replies by id, generated ids, ROUTER_MANDATORY. */
@Timeout(60)
class RouterDealerChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Socket dealer(String routingId) {
        Socket d = peers.socket(SocketType.DEALER);
        d.set(Option.ROUTING_ID, bytes(routingId));
        return d;
    }

    @TransportTest
    void routerSeesThePeersChosenIdsAndRepliesByThem(TransportFixture fixture) {
        Socket router = peers.socket(SocketType.ROUTER);
        Socket alice = dealer("alice");
        Socket bob = dealer("bob");
        String ep = Peers.marry(fixture, router, alice);
        Peers.connect(fixture, ep, router, bob);
        assertThat(alice.send(Message.of("from", "alice"), WAIT)).isTrue();
        assertThat(bob.send(Message.of("from", "bob"), WAIT)).isTrue();
        Map<String, Message> byId = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message m = router.receive(WAIT);
            assertThat(m).isNotNull();
            byId.put(m.first().toUtf8(), m);
        }
        assertThat(byId.get("alice").toStrings()).containsExactly("alice", "from", "alice");
        assertThat(byId.get("bob").toStrings()).containsExactly("bob", "from", "bob");
        assertThat(router.send(Message.of("bob", "to", "bob"), WAIT)).isTrue();
        assertThat(router.send(Message.of("alice", "to", "alice"), WAIT)).isTrue();
        assertThat(alice.receive(WAIT).toStrings()).containsExactly("to", "alice");
        assertThat(bob.receive(WAIT).toStrings()).containsExactly("to", "bob");
        assertThat(alice.receive(Peers.BRIEF)).isNull();
    }

    @TransportTest
    void anonymousPeersGetDistinctGeneratedIdsThatRouteReplies(TransportFixture fixture) {
        Socket router = peers.socket(SocketType.ROUTER);
        Socket a = peers.socket(SocketType.DEALER);
        Socket b = peers.socket(SocketType.DEALER);
        String ep = Peers.marry(fixture, router, a);
        Peers.connect(fixture, ep, router, b);
        a.send("a");
        b.send("b");
        Map<String, byte[]> ids = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            Message m = router.receive(WAIT);
            assertThat(m).isNotNull();
            ids.put(m.frame(1).toUtf8(), m.first().toByteArray());
        }
        // libzmq's form: 0x00 and a 32-bit counter.
        assertThat(ids.get("a")).hasSize(5).startsWith(0);
        assertThat(ids.get("b")).hasSize(5).startsWith(0).isNotEqualTo(ids.get("a"));
        router.send(Message.of(ids.get("b"), bytes("for b")));
        router.send(Message.of(ids.get("a"), bytes("for a")));
        assertThat(a.receive(WAIT).toStrings()).containsExactly("for a");
        assertThat(b.receive(WAIT).toStrings()).containsExactly("for b");
    }

    @TransportTest
    void mandatoryRouterThrowsHostUnreachableForAnUnknownIdAndStillRoutesKnownOnes(TransportFixture fixture) {
        Socket router = peers.socket(SocketType.ROUTER);
        Socket known = dealer("known");
        Peers.marry(fixture, router, known);
        // Without ROUTER_MANDATORY an unknown id is dropped silently.
        assertThat(router.send(Message.of("nobody", "dropped"), WAIT)).isTrue();
        router.set(Option.ROUTER_MANDATORY, true);
        assertThatThrownBy(() -> router.send(Message.of("nobody", "refused"), WAIT))
                .isInstanceOf(ZmqException.HostUnreachableException.class);
        // Married: the handshake told the router the peer's id, so it is routable at once.
        assertThat(router.send(Message.of("known", "delivered"), WAIT)).isTrue();
        assertThat(known.receive(WAIT).toStrings()).containsExactly("delivered");
        assertThat(known.receive(Peers.BRIEF)).isNull();
    }

    @TransportTest
    void dealerToDealerCarriesMultipartBothWays(TransportFixture fixture) {
        Socket a = peers.socket(SocketType.DEALER);
        Socket b = peers.socket(SocketType.DEALER);
        Peers.marry(fixture, a, b);
        assertThat(b.send(Message.of("", "request", ""), WAIT)).isTrue();
        assertThat(a.receive(WAIT).toStrings()).containsExactly("", "request", "");
        assertThat(a.send(Message.of("reply", "two"), WAIT)).isTrue();
        assertThat(b.receive(WAIT).toStrings()).containsExactly("reply", "two");
    }
}
