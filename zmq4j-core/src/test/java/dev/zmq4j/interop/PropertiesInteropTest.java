package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Message properties and the socket options of the reshaped core against libzmq: the properties
 * a libzmq peer's messages carry in zmq4j (its Socket-Type, Identity, ZMQ_METADATA, address), the
 * ones zmq4j's messages carry in libzmq (zmq_msg_gets), and connections with HANDSHAKE_IVL,
 * CONNECT_TIMEOUT, SNDBUF, RCVBUF, TOS, BACKLOG and IPV6 set on both sides.
 */
@Timeout(60)
class PropertiesInteropTest {
    private static final Duration STEP = Duration.ofSeconds(30);
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

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    @Test
    void aLibzmqPeersMessagesCarryItsTypeIdentityMetadataAndAddress() {
        Socket router = socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        try (PythonPeer peer = PythonPeer.connect("DEALER", ep, "send seq 3 --id dealer-7 --metadata X-Hello:world")) {
            Message m = router.receive(STEP);
            assertThat(m).as(peer.describe()).isNotNull();
            assertThat(m.first().toUtf8()).isEqualTo("dealer-7");
            assertThat(m.property("Socket-Type")).contains("DEALER");
            assertThat(m.property("socket-type")).as("names ignore case").contains("DEALER");
            assertThat(m.property("Routing-Id")).contains("dealer-7");
            assertThat(m.property("Identity")).contains("dealer-7");
            assertThat(m.property("X-Hello")).contains("world");
            assertThat(m.property("Peer-Address")).contains("127.0.0.1");
            assertThat(m.property("User-Id")).isEmpty();
            assertThat(m.property("X-Absent")).isEmpty();
            peer.awaitSuccess(STEP);
        }
    }

    @Test
    void libzmqReadsTheSocketTypeAndMetadataOfZmq4jsMessages() {
        try (PythonPeer peer = PythonPeer.bind("PULL", "tcp://127.0.0.1:*",
                "props seq 1 --property Socket-Type --property X-Hello --property X-Two")) {
            Socket push = socket(SocketType.PUSH);
            push.set(Option.METADATA, Map.of("X-Hello", "from zmq4j", "X-Two", "2"));
            push.connect(peer.endpoint());
            assertThat(push.send("with properties", STEP)).isTrue();
            assertThat(peer.awaitLine("PROPERTY Socket-Type", STEP)).isEqualTo("PROPERTY Socket-Type PUSH");
            assertThat(peer.awaitLine("PROPERTY X-Hello", STEP)).isEqualTo("PROPERTY X-Hello from zmq4j");
            assertThat(peer.awaitLine("PROPERTY X-Two", STEP)).isEqualTo("PROPERTY X-Two 2");
            peer.awaitSuccess(STEP);
        }
    }

    @Test
    void connectionsWithTheNewSocketOptionsSetOnBothSidesCarryMessages() {
        try (PythonPeer peer = PythonPeer.bind("PULL", "tcp://127.0.0.1:*",
                "recv seq 500 --sockopt TOS=40 --sockopt SNDBUF=65536 --sockopt RCVBUF=65536 --sockopt HANDSHAKE_IVL=5000")) {
            Socket push = socket(SocketType.PUSH);
            push.set(Option.TOS, 40);
            push.set(Option.SNDBUF, 65536);
            push.set(Option.RCVBUF, 65536);
            push.set(Option.HANDSHAKE_IVL, Duration.ofSeconds(5));
            push.set(Option.CONNECT_TIMEOUT, Duration.ofSeconds(2));
            push.connect(peer.endpoint());
            for (int i = 0; i < 500; i++) {
                assertThat(push.send(String.valueOf(i), STEP)).isTrue();
            }
            assertThat(peer.awaitSuccess(STEP)).isEqualTo("OK received 500");
        }
    }

    @Test
    void aLibzmqPeerConnectsOverIpv6ToADualStackBind() {
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.IPV6, true);
        pull.set(Option.BACKLOG, 16);
        pull.set(Option.TOS, 40);
        String ep = pull.bind("tcp://*:*");
        int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
        try (PythonPeer peer = PythonPeer.connect("PUSH", "tcp://[::1]:" + port, "send seq 50 --sockopt IPV6=1")) {
            for (int i = 0; i < 50; i++) {
                Message m = pull.receive(STEP);
                assertThat(m).as(peer.describe()).isNotNull();
                assertThat(m.first().toUtf8()).isEqualTo(String.valueOf(i));
                if (i == 0) {
                    assertThat(m.property("Peer-Address")).hasValueSatisfying(a -> assertThat(a).contains(":"));
                }
            }
            peer.awaitSuccess(STEP);
        }
    }
}
