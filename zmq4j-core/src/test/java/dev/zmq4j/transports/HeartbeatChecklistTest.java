package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import dev.zmq4j.transports.TransportFixture.Capability;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * ZMTP heartbeats over the transports that have connections: an idle connection stays up, a
 * peer that goes silent behind a {@link ChaosRelay} is detected, and the peer's TTL is honoured.
 */
@Timeout(60)
class HeartbeatChecklistTest {
    private static final Duration IVL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static void heartbeat(Socket s) {
        s.set(Option.HEARTBEAT_IVL, IVL);
        s.set(Option.HEARTBEAT_TIMEOUT, TIMEOUT);
    }

    @TransportTest
    void anIdleConnectionWithHeartbeatsStaysUp(TransportFixture fixture) {
        // Heartbeats are ZMTP commands: only transports with a ZMTP connection have them.
        assumeTrue(fixture.supports(Capability.HEARTBEATS));
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        heartbeat(pull);
        heartbeat(push);
        Peers.marry(fixture, pull, push);
        EnumSet<SocketEvent.Type> lost = EnumSet.of(SocketEvent.Type.DISCONNECTED, SocketEvent.Type.CLOSED);
        try (Monitor pushEvents = push.monitor(lost); Monitor pullEvents = pull.monitor(lost)) {
            // Eight intervals, twice the timeout, with nothing to send: the PINGs and PONGs keep
            // both sides connected.
            assertThat(pushEvents.next(IVL.multipliedBy(8))).isNull();
            assertThat(pullEvents.poll()).isNull();
            assertThat(push.send("still connected", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("still connected");
        }
    }

    @TransportTest
    void aSilentPeerIsDetectedAndTrafficFlowsAgainAfterReconnecting(TransportFixture fixture) throws Exception {
        // Needs heartbeats and a relay that can go silent without closing (a vanished network).
        assumeTrue(fixture.supports(Capability.HEARTBEATS) && fixture.supports(Capability.RELAY));
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        heartbeat(pull);
        heartbeat(push);
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(50));
        String ep = pull.bind(fixture.endpoint());
        try (ChaosRelay relay = new ChaosRelay(ep);
             Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
             Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED))) {
            push.connect(relay.endpoint());
            Peers.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(push.send("before", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("before");

            relay.halfOpen();
            long silencedAt = System.nanoTime();
            SocketEvent gone = Peers.await(pushEvents, SocketEvent.Type.DISCONNECTED);
            assertThat(gone.reason()).contains("heartbeat timeout");
            assertThat(gone.endpoint()).isEqualTo(relay.endpoint());
            assertThat(Duration.ofNanos(System.nanoTime() - silencedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(Peers.await(pullEvents, SocketEvent.Type.DISCONNECTED).reason()).contains("heartbeat timeout");

            relay.heal();
            Peers.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(push.send("after", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("after");
        }
    }

    @TransportTest
    void thePeersTtlClosesTheConnectionWhenItGoesSilent(TransportFixture fixture) throws Exception {
        // Needs heartbeats and a relay that can go silent without closing.
        assumeTrue(fixture.supports(Capability.HEARTBEATS) && fixture.supports(Capability.RELAY));
        // Only the connecting side pings, with a TTL; the binding side does not ping but honours
        // the TTL, so it detects the silence alone.
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        push.set(Option.HEARTBEAT_IVL, IVL);
        push.set(Option.HEARTBEAT_TTL, Duration.ofMillis(500));
        push.set(Option.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30));
        String ep = pull.bind(fixture.endpoint());
        try (ChaosRelay relay = new ChaosRelay(ep);
             Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            push.connect(relay.endpoint());
            Peers.await(pullEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            // More than twice the TTL while the PINGs flow: the watchdog is fed.
            assertThat(pullEvents.next(Duration.ofMillis(1200))).isNull();
            relay.halfOpen();
            assertThat(Peers.await(pullEvents, SocketEvent.Type.DISCONNECTED).reason()).contains("TTL");
        }
    }
}
