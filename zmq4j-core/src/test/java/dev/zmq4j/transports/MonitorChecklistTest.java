package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.transports.TransportFixture.Capability;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Monitor events of a connection's life over the transports that report them:
 * LISTENING, ACCEPTED, CONNECTED, HANDSHAKE_SUCCEEDED, DISCONNECTED, CLOSED (libzmq's meanings).
 * Each test needs {@link Capability#MONITOR_CONNECTION_EVENTS}; inproc reports none today (see
 * {@link TransportFixture#INPROC}).
 */
@Timeout(60)
class MonitorChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @TransportTest
    void bindReportsListeningAndUnbindReportsClosed(TransportFixture fixture) {
        assumeTrue(fixture.supports(Capability.MONITOR_CONNECTION_EVENTS)); // see the class comment
        Socket pull = peers.socket(SocketType.PULL);
        try (Monitor m = pull.monitor()) {
            String ep = pull.bind(fixture.endpoint());
            SocketEvent listening = Peers.await(m, SocketEvent.Type.LISTENING);
            assertThat(listening.endpoint()).isEqualTo(ep);
            assertThat(listening.remoteAddress()).isNull();
            pull.unbind(ep);
            assertThat(Peers.await(m, SocketEvent.Type.CLOSED).endpoint()).isEqualTo(ep);
        }
    }

    @TransportTest
    void aConnectionIsReportedFromConnectToCloseOnBothSides(TransportFixture fixture) {
        assumeTrue(fixture.supports(Capability.MONITOR_CONNECTION_EVENTS)); // see the class comment
        Socket rep = peers.socket(SocketType.REP);
        Socket req = peers.socket(SocketType.REQ);
        req.set(Option.ROUTING_ID, "client-1".getBytes(StandardCharsets.US_ASCII));
        try (Monitor server = rep.monitor(); Monitor client = req.monitor()) {
            String ep = rep.bind(fixture.endpoint());
            req.connect(ep);

            SocketEvent connected = Peers.await(client, SocketEvent.Type.CONNECTED);
            assertThat(connected.endpoint()).isEqualTo(ep);
            assertThat(Peers.await(client, SocketEvent.Type.HANDSHAKE_SUCCEEDED).endpoint()).isEqualTo(ep);

            SocketEvent accepted = Peers.await(server, SocketEvent.Type.ACCEPTED);
            assertThat(accepted.endpoint()).isEqualTo(ep);
            if (fixture.supports(Capability.PEER_ADDRESS)) {
                assertThat(accepted.remoteAddress()).startsWith(fixture.scheme() + "://").isNotEqualTo(ep);
            }
            SocketEvent handshake = Peers.await(server, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(handshake.endpoint()).isEqualTo(ep);
            assertThat(new String(handshake.routingId(), StandardCharsets.US_ASCII)).isEqualTo("client-1");

            // The client closes: its connection is closed by it (CLOSED), the server's is lost (DISCONNECTED).
            req.close();
            assertThat(Peers.await(client, SocketEvent.Type.CLOSED).endpoint()).isEqualTo(ep);
            SocketEvent lost = Peers.await(server, SocketEvent.Type.DISCONNECTED);
            assertThat(lost.endpoint()).isEqualTo(ep);
            assertThat(new String(lost.routingId(), StandardCharsets.US_ASCII)).isEqualTo("client-1");
            assertThat(lost.reason()).isNotBlank();
            assertThat(Peers.await(client, SocketEvent.Type.MONITOR_STOPPED)).isNotNull();
            assertThat(client.next(Duration.ofMillis(50))).isNull();
        }
    }

    @TransportTest
    void theConnecterSeesDisconnectedAndRetriesWhenTheBinderGoes(TransportFixture fixture) {
        assumeTrue(fixture.supports(Capability.MONITOR_CONNECTION_EVENTS)); // see the class comment
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(40));
        String ep = Peers.marry(fixture, pull, push);
        try (Monitor m = push.monitor()) {
            pull.close();
            SocketEvent lost = Peers.await(m, SocketEvent.Type.DISCONNECTED);
            assertThat(lost.endpoint()).isEqualTo(ep);
            assertThat(lost.reason()).isNotBlank();
            SocketEvent retried = Peers.await(m, SocketEvent.Type.CONNECT_RETRIED);
            assertThat(retried.endpoint()).isEqualTo(ep);
            assertThat(retried.value()).isEqualTo(40);
        }
    }

    @TransportTest
    void aMonitorOnlyWatchingHandshakesGetsOnePerConnection(TransportFixture fixture) {
        assumeTrue(fixture.supports(Capability.MONITOR_CONNECTION_EVENTS)); // see the class comment
        Socket pull = peers.socket(SocketType.PULL);
        try (Monitor m = pull.monitor(java.util.EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED))) {
            String ep = pull.bind(fixture.endpoint());
            peers.socket(SocketType.PUSH).connect(ep);
            peers.socket(SocketType.PUSH).connect(ep);
            assertThat(m.next(WAIT).type()).isEqualTo(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(m.next(WAIT).type()).isEqualTo(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(m.next(Duration.ofMillis(50))).isNull();
        }
    }
}
