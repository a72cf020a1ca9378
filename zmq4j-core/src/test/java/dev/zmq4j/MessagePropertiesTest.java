package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.transports.TransportFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Received messages answer their peer's properties (libzmq's zmq_msg_gets), over every transport. */
@Timeout(30)
class MessagePropertiesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void closeAll() {
        contexts.forEach(Context::close);
    }

    private Context context() {
        Context c = new Context();
        contexts.add(c);
        return c;
    }

    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void aMessageCarriesItsPeersTypeRoutingIdAndMetadata(TransportFixture fixture) {
        Context ctx = context();
        Socket router = ctx.socket(SocketType.ROUTER);
        Socket dealer = ctx.socket(SocketType.DEALER);
        dealer.set(Option.ROUTING_ID, "d-1".getBytes());
        dealer.set(Option.METADATA, Map.of("X-Service", "echo", "X-Version", "2"));
        router.set(Option.METADATA, Map.of("X-Role", "broker"));
        dealer.connect(router.bind(fixture.endpoint()));

        assertThat(dealer.send("hello", WAIT)).isTrue();
        Message m = router.receive(WAIT);
        assertThat(m.first().toUtf8()).isEqualTo("d-1");
        assertThat(m.property("Socket-Type")).contains("DEALER");
        assertThat(m.property("Routing-Id")).contains("d-1");
        assertThat(m.property("X-Service")).contains("echo");
        assertThat(m.property("x-version")).contains("2");
        assertThat(m.property("X-Missing")).isEmpty();
        if (fixture.supports(TransportFixture.Capability.PEER_ADDRESS)) {
            assertThat(m.property("Peer-Address")).contains("127.0.0.1");
        }

        assertThat(router.send(Message.of("d-1", "back"), WAIT)).isTrue();
        Message reply = dealer.receive(WAIT);
        assertThat(reply.toStrings()).containsExactly("back");
        assertThat(reply.property("Socket-Type")).contains("ROUTER");
        assertThat(reply.property("X-Role")).contains("broker");
        assertThat(reply.property("Routing-Id")).isEmpty();
    }

    @Test
    void messagesBuiltOrReceivedFrameByFrameHaveNoProperties() {
        Context ctx = context();
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        assertThat(Message.of("built").property("Socket-Type")).isEmpty();
        push.send(Message.of("a", "b"));
        assertThat(pull.receiveBytes(WAIT)).isEqualTo("a".getBytes());
        Message rest = pull.receive(WAIT);
        assertThat(rest.toStrings()).containsExactly("b");
        assertThat(rest.property("Socket-Type")).isEmpty();
    }

    @Test
    void aMessageTakenAheadByAPollerKeepsItsProperties() {
        Context ctx = context();
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(Option.METADATA, Map.of("X-From", "poller-test"));
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("ahead");
        try (Poller poller = new Poller()) {
            poller.register(pull, Poller.Event.READABLE);
            assertThat(poller.poll(WAIT)).isGreaterThan(0);
        }
        Message m = pull.receive(WAIT);
        assertThat(m.toStrings()).containsExactly("ahead");
        assertThat(m.property("X-From")).contains("poller-test");
    }
}
