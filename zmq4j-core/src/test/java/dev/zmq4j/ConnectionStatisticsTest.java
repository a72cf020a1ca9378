package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.auth.Authenticator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket.connectionStatistics(): connections open, connection events counted with no monitor attached. */
@Timeout(60)
class ConnectionStatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void countsConnectionsOpenOnBothSidesAndTheirEnd() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                assertThat(push.send("hello", WAIT)).isTrue();
                assertThat(pull.receiveString()).isEqualTo("hello");
                Await.until(() -> push.connectionStatistics().open() == 1 && pull.connectionStatistics().open() == 1,
                        WAIT, () -> "push " + push.connectionStatistics() + ", pull " + pull.connectionStatistics());
                ConnectionStatistics out = push.connectionStatistics();
                assertThat(out.connected()).isEqualTo(1);
                assertThat(out.accepted()).isZero();
                assertThat(out.handshakesSucceeded()).isEqualTo(1);
                ConnectionStatistics in = pull.connectionStatistics();
                assertThat(in.accepted()).isEqualTo(1);
                assertThat(in.connected()).isZero();
            }
            Await.until(() -> pull.connectionStatistics().open() == 0, WAIT, () -> "pull " + pull.connectionStatistics());
            assertThat(pull.connectionStatistics().disconnected()).isEqualTo(1);
            assertThat(pull.connectionStatistics().handshakesSucceeded()).isEqualTo(1);
        }
    }

    @Test
    void aLostConnectionIsRetriedAndCountedOpenAgainOnceBack() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            String ep;
            try (Socket first = ctx.socket(SocketType.PULL)) {
                ep = first.bind("tcp://127.0.0.1:*");
                push.connect(ep);
                Await.until(() -> push.connectionStatistics().handshakesSucceeded() == 1, WAIT,
                        () -> "push " + push.connectionStatistics());
            }
            Await.until(() -> push.connectionStatistics().open() == 0 && push.connectionStatistics().connectRetries() >= 1,
                    WAIT, () -> "push " + push.connectionStatistics());
            assertThat(push.connectionStatistics().disconnected()).isEqualTo(1);
            try (Socket second = ctx.socket(SocketType.PULL)) {
                assertThat(second.bind(ep)).isEqualTo(ep);
                Await.until(() -> push.connectionStatistics().handshakesSucceeded() == 2 && push.connectionStatistics().open() == 1,
                        WAIT, () -> "push " + push.connectionStatistics());
                assertThat(push.connectionStatistics().connected()).isEqualTo(2);
            }
        }
    }

    @Test
    void aRefusedHandshakeIsCountedAsAnAuthFailureOnBothSides() {
        try (Context ctx = new Context(); Authenticator auth = Authenticator.install(ctx);
             Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            auth.plain(Map.of("alice", "secret"));
            pull.set(Option.PLAIN_SERVER, true);
            push.set(Option.PLAIN_USERNAME, "alice");
            push.set(Option.PLAIN_PASSWORD, "wrong");
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            Await.until(() -> pull.connectionStatistics().handshakesFailedAuth() >= 1
                    && push.connectionStatistics().handshakesFailedAuth() >= 1,
                    WAIT, () -> "push " + push.connectionStatistics() + ", pull " + pull.connectionStatistics());
            ConnectionStatistics server = pull.connectionStatistics();
            assertThat(server.handshakesSucceeded()).isZero();
            assertThat(server.handshakesFailedProtocol()).isZero();
            assertThat(push.connectionStatistics().handshakesSucceeded()).isZero();
        }
    }

    @Test
    void aBrokenGreetingIsCountedAsAProtocolFailure() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", port)) {
                // Not a ZMTP signature: the first byte of a greeting must be 0xFF.
                raw.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
                raw.getOutputStream().flush();
                Await.until(() -> pull.connectionStatistics().handshakesFailedProtocol() == 1, WAIT,
                        () -> "pull " + pull.connectionStatistics());
            }
            Await.until(() -> pull.connectionStatistics().open() == 0, WAIT, () -> "pull " + pull.connectionStatistics());
            assertThat(pull.connectionStatistics().handshakesSucceeded()).isZero();
        }
    }

    @Test
    void inprocPeersMakeNoConnections() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("inproc://connection-statistics"));
            assertThat(push.send("hello", WAIT)).isTrue();
            assertThat(pull.receiveString()).isEqualTo("hello");
            assertThat(push.connectionStatistics()).isEqualTo(new ConnectionStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0));
            assertThat(pull.connectionStatistics()).isEqualTo(new ConnectionStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
    }
}
