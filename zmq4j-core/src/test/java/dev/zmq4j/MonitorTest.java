package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket monitor events with libzmq's meanings: one test per event that can be provoked. */
@Timeout(60)
class MonitorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** See {@link Events#await(Monitor, SocketEvent.Type, Predicate)}. */
    static SocketEvent await(Monitor m, SocketEvent.Type type, Predicate<SocketEvent> also) {
        return Events.await(m, type, also);
    }

    static SocketEvent await(Monitor m, SocketEvent.Type type) {
        return Events.await(m, type);
    }

    @Test
    void bindReportsListeningAndUnbindReportsClosed() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Monitor m = pull.monitor()) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            SocketEvent listening = await(m, SocketEvent.Type.LISTENING);
            assertThat(listening.endpoint()).isEqualTo(ep);
            assertThat(listening.remoteAddress()).isNull();
            pull.unbind(ep);
            assertThat(await(m, SocketEvent.Type.CLOSED).endpoint()).isEqualTo(ep);
        }
    }

    @Test
    void bindToATakenAddressReportsBindFailed() {
        try (Context ctx = new Context(); Socket a = ctx.socket(SocketType.PULL); Socket b = ctx.socket(SocketType.PULL);
             Monitor m = b.monitor(EnumSet.of(SocketEvent.Type.BIND_FAILED))) {
            String ep = a.bind("tcp://127.0.0.1:*");
            assertThatThrownBy(() -> b.bind(ep)).isInstanceOf(ZmqException.class);
            SocketEvent e = await(m, SocketEvent.Type.BIND_FAILED);
            assertThat(e.endpoint()).isEqualTo(ep);
            assertThat(e.reason()).isNotBlank();
        }
    }

    @Test
    void connectAndAcceptReportAddressesAndTheHandshakeReportsTheRoutingId() {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP); Socket req = ctx.socket(SocketType.REQ);
             Monitor server = rep.monitor(); Monitor client = req.monitor()) {
            String ep = rep.bind("tcp://127.0.0.1:*");
            req.set(Option.ROUTING_ID, "client-1".getBytes(StandardCharsets.US_ASCII));
            req.connect(ep);

            SocketEvent connected = await(client, SocketEvent.Type.CONNECTED);
            assertThat(connected.endpoint()).isEqualTo(ep);
            assertThat(connected.remoteAddress()).isEqualTo(ep);
            SocketEvent clientHandshake = await(client, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(clientHandshake.endpoint()).isEqualTo(ep);

            SocketEvent accepted = await(server, SocketEvent.Type.ACCEPTED);
            assertThat(accepted.endpoint()).isEqualTo(ep);
            assertThat(accepted.remoteAddress()).startsWith("tcp://127.0.0.1:").isNotEqualTo(ep);
            SocketEvent handshake = await(server, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(handshake.remoteAddress()).isEqualTo(accepted.remoteAddress());
            assertThat(new String(handshake.routingId(), StandardCharsets.US_ASCII)).isEqualTo("client-1");

            // The client closes: the server's connection is lost (DISCONNECTED), the client's closed by us (CLOSED).
            req.close();
            SocketEvent closed = await(client, SocketEvent.Type.CLOSED);
            assertThat(closed.endpoint()).isEqualTo(ep);
            SocketEvent lost = await(server, SocketEvent.Type.DISCONNECTED);
            assertThat(lost.remoteAddress()).isEqualTo(accepted.remoteAddress());
            assertThat(new String(lost.routingId(), StandardCharsets.US_ASCII)).isEqualTo("client-1");
            assertThat(lost.reason()).isNotBlank();
            // Closing the socket stopped its monitor: MONITOR_STOPPED is the last event.
            assertThat(await(client, SocketEvent.Type.MONITOR_STOPPED)).isNotNull();
            assertThat(client.next(Duration.ofMillis(50))).isNull();
        }
    }

    @Test
    void connectingToNobodyReportsDelayedThenRetriedWithTheInterval() {
        String ep = FreePort.endpoint();
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
             Monitor m = push.monitor(EnumSet.of(SocketEvent.Type.CONNECT_DELAYED, SocketEvent.Type.CONNECT_RETRIED))) {
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(40));
            push.connect(ep);
            SocketEvent delayed = await(m, SocketEvent.Type.CONNECT_DELAYED);
            assertThat(delayed.endpoint()).isEqualTo(ep);
            SocketEvent retried = await(m, SocketEvent.Type.CONNECT_RETRIED);
            assertThat(retried.endpoint()).isEqualTo(ep);
            assertThat(retried.value()).isEqualTo(40);
        }
    }

    @Test
    void aPeerThatIsNotZmtpReportsHandshakeFailedProtocolWithTheReason() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Monitor m = pull.monitor()) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                OutputStream out = raw.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String remote = "tcp://127.0.0.1:" + raw.getLocalPort();
                SocketEvent failed = await(m, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                assertThat(failed.endpoint()).isEqualTo(ep);
                assertThat(failed.remoteAddress()).isEqualTo(remote);
                assertThat(failed.reason()).containsIgnoringCase("greeting");
                assertThat(await(m, SocketEvent.Type.DISCONNECTED).reason()).isEqualTo(failed.reason());
            }
        }
    }

    @Test
    void aPeerThatLeavesDuringTheHandshakeReportsHandshakeFailedNoDetail() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Monitor m = pull.monitor()) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                await(m, SocketEvent.Type.ACCEPTED);
            }
            SocketEvent e = await(m, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
            assertThat(e.endpoint()).isEqualTo(ep);
        }
    }

    @Test
    void closingTheMonitorDeliversWhatIsQueuedThenMonitorStopped() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            Monitor m = pull.monitor(EnumSet.of(SocketEvent.Type.LISTENING));
            String ep = pull.bind("tcp://127.0.0.1:*");
            m.close();
            pull.bind("tcp://127.0.0.1:*");
            SocketEvent first = m.next(WAIT);
            assertThat(first.type()).isEqualTo(SocketEvent.Type.LISTENING);
            assertThat(first.endpoint()).isEqualTo(ep);
            SocketEvent stopped = m.next(WAIT);
            assertThat(stopped.type()).isEqualTo(SocketEvent.Type.MONITOR_STOPPED);
            assertThat(stopped.value()).isZero();
            assertThat(m.poll()).isNull();
            assertThat(m.isClosed()).isTrue();
        }
    }

    @Test
    void aMonitorGetsOnlyTheTypesItAskedFor() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH);
             Monitor m = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED))) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            assertThat(m.next(WAIT).type()).isEqualTo(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(m.poll()).isNull();
        }
    }

    @Test
    void anEmptyTypeSetIsRefused() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            assertThatThrownBy(() -> pull.monitor(EnumSet.noneOf(SocketEvent.Type.class)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("types");
        }
    }

    @Test
    void publicEventTypesMatchTheTransportsOneForOne() {
        assertThat(java.util.Arrays.stream(SocketEvent.Type.values()).map(Enum::name))
                .containsExactlyElementsOf(java.util.Arrays.stream(dev.zmq4j.transport.TransportEvent.values()).map(Enum::name).toList());
    }
}
