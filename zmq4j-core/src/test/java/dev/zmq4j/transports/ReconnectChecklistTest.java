package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.BRIEF;
import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.transports.TransportFixture.Capability;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * The binder closes and a new socket binds the same endpoint: a connecting socket reconnects
 * (tcp, ipc), or, where the transport has no reconnect (inproc, as libzmq), stays unlinked.
 */
@Timeout(60)
class ReconnectChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    /** Where the transport allows it, the restarted binder lives in another context, like another process. */
    private Context contextForRestart(TransportFixture fixture) {
        return fixture.supports(Capability.SEPARATE_CONTEXTS) ? peers.newContext() : peers.context();
    }

    @TransportTest
    void pushReconnectsToARestartedPullAndLosesNothingAfterwards(TransportFixture fixture) {
        // Applies to transports with a reconnecting connect; inproc is covered by the test below.
        assumeTrue(fixture.supports(Capability.RECONNECT_AFTER_PEER_RESTART));
        Socket push = peers.socket(SocketType.PUSH);
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(50));
        Socket first = peers.socket(SocketType.PULL);
        String ep = first.bind(fixture.rebindableEndpoint());
        Peers.connect(fixture, ep, first, push);
        assertThat(push.send("to the first", WAIT)).isTrue();
        assertThat(first.receive(WAIT).toStrings()).containsExactly("to the first");
        first.close();

        Socket second = Peers.socket(contextForRestart(fixture), SocketType.PULL);
        assertThat(second.bind(ep)).isEqualTo(ep);
        // A message written while the push still believed in the old connection may be lost with
        // it; once a probe arrives, the new connection is up and nothing else may be lost.
        Await.until(() -> push.trySend("probe") && second.receive(Duration.ofMillis(50)) != null,
                WAIT, "push reconnected to the restarted peer");
        for (int i = 0; i < 100; i++) {
            assertThat(push.send("after restart " + i, WAIT)).isTrue();
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

    @TransportTest
    void subscriberReplaysItsSubscriptionsToARestartedPublisher(TransportFixture fixture) {
        // Applies to transports with a reconnecting connect.
        assumeTrue(fixture.supports(Capability.RECONNECT_AFTER_PEER_RESTART));
        Socket sub = peers.socket(SocketType.SUB);
        sub.set(Option.RECONNECT_IVL, Duration.ofMillis(50));
        sub.set(Option.SUBSCRIBE, "kept".getBytes(StandardCharsets.UTF_8));
        Socket first = peers.socket(SocketType.PUB);
        String ep = first.bind(fixture.rebindableEndpoint());
        Peers.connect(fixture, ep, first, sub);
        Peers.awaitSubscribed(first, sub, Message.of("kept.sync"));
        first.close();

        Socket second = Peers.socket(contextForRestart(fixture), SocketType.PUB);
        second.bind(ep);
        Peers.awaitSubscribed(second, sub, Message.of("kept.again"));
        second.send("other");
        second.send(Message.of("kept", "end"));
        assertThat(sub.receive(WAIT).toStrings()).as("only the replayed subscription matches").containsExactly("kept", "end");
    }

    @TransportTest
    void aConnectWhoseBinderLeftIsNotRelinkedToANewBinder(TransportFixture fixture) {
        // The other side of the capability: libzmq has no reconnect for inproc (a connect links
        // once, when the name is bound, and the pipe ends with either socket). zmq4j does the same.
        assumeFalse(fixture.supports(Capability.RECONNECT_AFTER_PEER_RESTART));
        Socket push = peers.socket(SocketType.PUSH);
        Socket first = peers.socket(SocketType.PULL);
        String ep = first.bind(fixture.rebindableEndpoint());
        Peers.connect(fixture, ep, first, push);
        assertThat(push.send("to the first", WAIT)).isTrue();
        assertThat(first.receive(WAIT).toStrings()).containsExactly("to the first");
        first.close();

        Socket second = peers.socket(SocketType.PULL);
        assertThat(second.bind(ep)).isEqualTo(ep);
        assertThat(push.trySend("nowhere")).as("the push has no pipe left").isFalse();
        assertThat(second.receive(BRIEF)).isNull();
        // A new connect to the same name links as usual.
        push.connect(ep);
        assertThat(push.send("new link", WAIT)).isTrue();
        assertThat(second.receive(WAIT).toStrings()).containsExactly("new link");
    }
}
