package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.chaos.ChaosRelay;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZMTP heartbeats (HEARTBEAT_IVL, HEARTBEAT_TIMEOUT, HEARTBEAT_TTL) through a relay that can go
 * silent without closing anything, the failure heartbeats exist to detect.
 */
@Timeout(60)
class HeartbeatTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration IVL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    private static void heartbeat(Socket s) {
        s.set(Option.HEARTBEAT_IVL, IVL);
        s.set(Option.HEARTBEAT_TIMEOUT, TIMEOUT);
    }

    @Test
    void aSilentPeerIsDetectedAndTrafficFlowsAgainAfterReconnecting() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            heartbeat(pull);
            heartbeat(push);
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(50));
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (ChaosRelay relay = new ChaosRelay(ep);
                 Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
                 Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED))) {
                push.connect(relay.endpoint());
                MonitorTest.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                assertThat(push.send("before", WAIT)).isTrue();
                assertThat(pull.receiveString()).isEqualTo("before");

                // Several intervals with nothing to send: the heartbeats keep both sides connected.
                assertThat(pushEvents.next(IVL.multipliedBy(8))).isNull();

                relay.halfOpen();
                long silencedAt = System.nanoTime();
                SocketEvent lost = MonitorTest.await(pushEvents, SocketEvent.Type.DISCONNECTED);
                assertThat(lost.reason()).contains("heartbeat timeout");
                assertThat(lost.endpoint()).isEqualTo(relay.endpoint());
                assertThat(Duration.ofNanos(System.nanoTime() - silencedAt)).isLessThan(Duration.ofSeconds(5));
                assertThat(MonitorTest.await(pullEvents, SocketEvent.Type.DISCONNECTED).reason()).contains("heartbeat timeout");

                relay.heal();
                MonitorTest.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                assertThat(push.send("after", WAIT)).isTrue();
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("after");
            }
        }
    }

    @Test
    void thePeersTtlClosesTheConnectionWhenItGoesSilent() throws Exception {
        // Only the connecting side pings, with a TTL; the binding side does not ping itself but
        // honours the TTL, so it detects the silence alone.
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.HEARTBEAT_IVL, IVL);
            push.set(Option.HEARTBEAT_TTL, Duration.ofMillis(500));
            push.set(Option.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30));
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (ChaosRelay relay = new ChaosRelay(ep);
                 Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
                push.connect(relay.endpoint());
                MonitorTest.await(pullEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                assertThat(pullEvents.next(Duration.ofMillis(1200))).isNull();
                relay.halfOpen();
                assertThat(MonitorTest.await(pullEvents, SocketEvent.Type.DISCONNECTED).reason()).contains("TTL");
            }
        }
    }

    @Test
    void heartbeatOptionsAreValidated() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PAIR)) {
            assertThat(s.get(Option.HEARTBEAT_IVL)).isEqualTo(Duration.ZERO);
            assertThatThrownBy(() -> s.set(Option.HEARTBEAT_IVL, Duration.ofMillis(-5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HEARTBEAT_IVL");
            assertThatThrownBy(() -> s.set(Option.HEARTBEAT_TTL, Duration.ofSeconds(7000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6553.5");
            s.set(Option.HEARTBEAT_TTL, Duration.ofMillis(6_553_500));
            assertThat(s.get(Option.HEARTBEAT_TTL)).isEqualTo(Duration.ofMillis(6_553_500));
        }
    }
}
