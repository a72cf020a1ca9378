package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZMTP heartbeats against libzmq 4.3 (pyzmq): zmq4j answers libzmq's PINGs, and libzmq answers
 * zmq4j's. Each side's HEARTBEAT_TIMEOUT is short, and the other side sends nothing but PONGs
 * while idle, so a connection that survives several intervals proves the PINGs were answered.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HeartbeatInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Idle time: ten heartbeat intervals, more than three timeouts. */
    private static final Duration IDLE = Duration.ofMillis(1000);

    private Context ctx;

    @BeforeEach
    void openContext() {
        PythonPeer.assumeAvailable();
        ctx = new Context();
    }

    @AfterEach
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    private static void awaitHandshake(Monitor m) {
        SocketEvent e = m.next(WAIT);
        assertThat(e).as("the libzmq peer's handshake").isNotNull();
        assertThat(e.type()).isEqualTo(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
    }

    /** Sends message 0, stays idle, checks the connection was never lost, then sends the rest. */
    private static void sendAcrossAnIdlePeriod(Socket push, Monitor m, int n) {
        awaitHandshake(m);
        assertThat(push.send("0", WAIT)).isTrue();
        assertThat(m.next(IDLE)).as("an event while idle (heartbeats unanswered?)").isNull();
        for (int i = 1; i < n; i++) {
            assertThat(push.send(String.valueOf(i), WAIT)).isTrue();
        }
    }

    @Test
    void zmq4jAnswersTheLibzmqPeersPings() {
        try (Socket push = ctx.socket(SocketType.PUSH);
             Monitor m = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            String ep = push.bind("tcp://127.0.0.1:*");
            try (PythonPeer peer = PythonPeer.connect("PULL", ep,
                    "recv seq 100 --heartbeat-ivl 100 --heartbeat-timeout 300 --heartbeat-ttl 500")) {
                peer.awaitReady();
                sendAcrossAnIdlePeriod(push, m, 100);
                assertThat(peer.awaitSuccess(WAIT)).isEqualTo("OK received 100");
            }
        }
    }

    @Test
    void theLibzmqPeerAnswersZmq4jsPings() {
        try (Socket push = ctx.socket(SocketType.PUSH);
             Monitor m = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            push.set(Option.HEARTBEAT_IVL, Duration.ofMillis(100));
            push.set(Option.HEARTBEAT_TIMEOUT, Duration.ofMillis(300));
            push.set(Option.HEARTBEAT_TTL, Duration.ofMillis(500));
            String ep = push.bind("tcp://127.0.0.1:*");
            try (PythonPeer peer = PythonPeer.connect("PULL", ep, "recv seq 100")) {
                peer.awaitReady();
                sendAcrossAnIdlePeriod(push, m, 100);
                assertThat(peer.awaitSuccess(WAIT)).isEqualTo("OK received 100");
                // A PULL peer sends no messages: all that came back were PONGs.
                assertThat(push.statistics().messagesIn()).isZero();
            }
        }
    }
}
