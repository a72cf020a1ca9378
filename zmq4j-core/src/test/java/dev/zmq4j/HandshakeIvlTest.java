package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HANDSHAKE_IVL: a peer that has not completed its ZMTP handshake in time is disconnected, with
 * HANDSHAKE_FAILED_NO_DETAIL; a socket whose peers complete theirs is not affected.
 */
@Timeout(30)
class HandshakeIvlTest {
    private static final Duration WAIT = Duration.ofSeconds(10);


    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** A raw TCP client that connects and then sends {@code sent} bytes of a greeting, or nothing. */
    @ParameterizedTest
    @ValueSource(ints = {0, 10, 64})
    void aPeerThatStallsInTheHandshakeIsDisconnected(int sent) throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(Option.HANDSHAKE_IVL, Duration.ofMillis(300));
            Monitor monitor = pull.monitor();
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (java.net.Socket raw = new java.net.Socket()) {
                raw.connect(new InetSocketAddress("127.0.0.1", port(ep)), 5000);
                long start = System.nanoTime();
                byte[] greeting = new byte[64];
                greeting[0] = (byte) 0xFF;
                greeting[9] = 0x7F;
                greeting[10] = 3;
                greeting[11] = 1;
                System.arraycopy("NULL".getBytes(), 0, greeting, 12, 4);
                raw.getOutputStream().write(greeting, 0, sent);
                raw.getOutputStream().flush();

                SocketEvent failed = Events.await(monitor, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
                assertThat(failed.reason()).isEqualTo("handshake timeout: not completed within 300 ms (HANDSHAKE_IVL)");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
                assertThat(Events.await(monitor, SocketEvent.Type.DISCONNECTED).reason()).startsWith("handshake timeout");
                // The server closed its end: after our greeting's 64 bytes (if it sent it), end of stream.
                raw.setSoTimeout((int) WAIT.toMillis());
                InputStream in = raw.getInputStream();
                int read = 0;
                while (in.read() >= 0) {
                    read++;
                }
                assertThat(read).isLessThanOrEqualTo(64 + 64);
            }
        }
    }

    @Test
    void peersThatCompleteTheirHandshakeStayConnectedPastTheInterval() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.HANDSHAKE_IVL, Duration.ofMillis(100));
            push.set(Option.HANDSHAKE_IVL, Duration.ofMillis(100));
            Monitor monitor = pull.monitor();
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            Events.await(monitor, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            // Any event after success within several intervals would be the timer misfiring.
            assertThat(monitor.next(Duration.ofMillis(500))).isNull();
            assertThat(push.send("still here", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("still here");
        }
    }
}
