package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** bind, connect, unbind, disconnect and lastEndpoint: what they return and how they fail. */
@Timeout(60)
class EndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void bindToEphemeralPortReturnsTheActualPort() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            assertThat(ep).matches("tcp://127\\.0\\.0\\.1:\\d+");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            assertThat(port).isBetween(1, 65535);
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                assertThat(raw.isConnected()).isTrue();
            }
            push.connect(ep);
            push.send("through the returned endpoint");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("through the returned endpoint");
        }
    }

    @Test
    void bindToPortZeroReturnsTheActualPort() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:0");
            assertThat(ep).matches("tcp://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        }
    }

    @Test
    void lastEndpointIsTheLastBindOrConnect() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            assertThat(pull.lastEndpoint()).isNull();
            String first = pull.bind("tcp://127.0.0.1:*");
            assertThat(pull.lastEndpoint()).isEqualTo(first);
            String second = pull.bind("tcp://127.0.0.1:*");
            assertThat(pull.lastEndpoint()).isEqualTo(second).isNotEqualTo(first);
            push.connect(first);
            assertThat(push.lastEndpoint()).isEqualTo(first);
        }
    }

    @Test
    void bindToAddressInUseFailsNamingTheEndpoint() {
        try (Context ctx = new Context();
             Socket first = ctx.socket(SocketType.PULL);
             Socket second = ctx.socket(SocketType.PULL)) {
            String ep = first.bind("tcp://127.0.0.1:*");
            assertThatThrownBy(() -> second.bind(ep))
                    .isInstanceOf(ZmqException.AddressInUseException.class)
                    .hasMessageContaining(ep)
                    .hasMessageContaining("address in use");
            assertThatThrownBy(() -> first.bind(ep))
                    .isInstanceOf(ZmqException.AddressInUseException.class);
        }
    }

    @Test
    void bindToAnAddressOfAnotherHostFails() {
        // 192.0.2.0/24 is TEST-NET-1 (rfc 5737): never an address of this host.
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            assertThatThrownBy(() -> pull.bind("tcp://192.0.2.1:*"))
                    .isInstanceOf(ZmqException.BindFailedException.class)
                    .hasMessageContaining("tcp://192.0.2.1:*");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo", "", "tcp://", "tcp://host", "tcp://:5555", "udp://x:1", "inproc//x",
            "tcp://127.0.0.1:70000", "tcp://127.0.0.1:65536", "tcp://127.0.0.1:-1", "tcp://127.0.0.1:abc",
            "tcp://127.0.0.1:"})
    void malformedEndpointIsRefusedByBindAndConnectNamingIt(String endpoint) {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> pull.bind(endpoint))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + endpoint + "'");
            assertThatThrownBy(() -> push.connect(endpoint))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + endpoint + "'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://*:5555", "tcp://127.0.0.1:*", "tcp://127.0.0.1:0"})
    void wildcardEndpointIsRefusedByConnectNamingIt(String endpoint) {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.connect(endpoint))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + endpoint + "'");
        }
    }

    @Test
    void nullEndpointIsRefused() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.connect(null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> push.bind(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void unbindFreesThePortForAnotherBind() {
        try (Context ctx = new Context();
             Socket first = ctx.socket(SocketType.PULL);
             Socket second = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = first.bind("tcp://127.0.0.1:*");
            first.unbind(ep);
            assertThat(second.bind(ep)).isEqualTo(ep);
            push.connect(ep);
            push.send("to the second");
            assertThat(second.receive(WAIT).toStrings()).containsExactly("to the second");
            // The same socket can bind it again too, once the other lets go.
            second.unbind(ep);
            assertThat(first.bind(ep)).isEqualTo(ep);
        }
    }

    @Test
    void unbindClosesAcceptedConnectionsAndTheConnectorMovesToTheNewBinding() {
        try (Context ctx = new Context();
             Socket first = ctx.socket(SocketType.PULL);
             Socket second = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = first.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            push.send("to the first");
            assertThat(first.receive(WAIT).toStrings()).containsExactly("to the first");
            first.unbind(ep);
            second.bind(ep);
            // Messages written before the push saw its connection close may be lost: probe first.
            Await.until(() -> push.trySend(Message.of("probe")) && second.receive(Duration.ofMillis(50)) != null,
                    WAIT, "push reconnected to the new binding");
            push.send("after");
            Message m;
            do {
                m = second.receive(WAIT);
                assertThat(m).isNotNull();
            } while (m.toStrings().equals(java.util.List.of("probe")));
            assertThat(m.toStrings()).containsExactly("after");
            assertThat(first.receive(Duration.ofMillis(100))).as("nothing reaches the unbound socket").isNull();
        }
    }

    @Test
    void unbindOfAnEndpointNotBoundFailsNamingIt() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            assertThatThrownBy(() -> pull.unbind("tcp://127.0.0.1:1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tcp://127.0.0.1:1")
                    .hasMessageContaining(ep);
            pull.unbind(ep);
            assertThatThrownBy(() -> pull.unbind(ep)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void disconnectStopsSendingToThatPeer() {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PULL);
             Socket b = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String epA = a.bind("tcp://127.0.0.1:*");
            String epB = b.bind("tcp://127.0.0.1:*");
            push.connect(epA);
            push.connect(epB);
            // Round-robin: one each.
            push.send("one");
            push.send("two");
            assertThat(a.receive(WAIT)).isNotNull();
            assertThat(b.receive(WAIT)).isNotNull();
            push.disconnect(epA);
            for (int i = 0; i < 10; i++) {
                push.send("to b " + i);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(b.receive(WAIT).toStrings()).containsExactly("to b " + i);
            }
            assertThat(a.receive(Duration.ofMillis(100))).as("nothing reaches the disconnected peer").isNull();
        }
    }

    @Test
    void disconnectOfAnEndpointNotConnectedFailsNamingIt() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = FreePort.endpoint();
            assertThatThrownBy(() -> push.disconnect(ep))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ep);
            push.connect(ep);
            push.disconnect(ep);
            assertThatThrownBy(() -> push.disconnect(ep)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
