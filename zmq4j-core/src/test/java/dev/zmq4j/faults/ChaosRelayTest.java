package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each fault of the {@link ChaosRelay} on its own, over plain sockets to an echo server, and two faults composed under ZMTP. */
@Timeout(60)
class ChaosRelayTest {
    private ServerSocket echo;
    private ChaosRelay relay;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    java.net.Socket s = echo.accept();
                    Thread e = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException ignored) {
                            // the client went away
                        }
                    }, "echo");
                    e.setDaemon(true);
                    e.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "echo-accept");
        t.setDaemon(true);
        t.start();
        relay = new ChaosRelay("tcp://127.0.0.1:" + echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        relay.close();
        echo.close();
    }

    private java.net.Socket client() throws IOException {
        String ep = relay.endpoint();
        java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1)));
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] roundTrip(java.net.Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(data.length);
    }

    @Test
    void relaysBytesBothWays() throws IOException {
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, "hello".getBytes())).isEqualTo("hello".getBytes());
            assertThat(relay.bytesRead(ChaosRelay.Direction.UPSTREAM)).isEqualTo(5);
            assertThat(relay.bytesRead(ChaosRelay.Direction.DOWNSTREAM)).isEqualTo(5);
            assertThat(relay.accepted()).isEqualTo(1);
        }
    }

    @Test
    void latencyHoldsEveryByteBackEachWay() throws IOException {
        relay.latency(Duration.ofMillis(100));
        try (java.net.Socket s = client()) {
            long t0 = System.nanoTime();
            assertThat(roundTrip(s, "x".getBytes())).isEqualTo("x".getBytes());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
    }

    @Test
    void bandwidthCapsEachDirection() throws IOException {
        relay.bandwidth(1_000_000);
        byte[] data = new byte[300_000];
        try (java.net.Socket s = client()) {
            long t0 = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(data);
                } catch (IOException ignored) {
                    // the read below fails then
                }
            });
            writer.start();
            assertThat(s.getInputStream().readNBytes(data.length)).hasSize(data.length);
            // 300 kB at 1 MB/s, up then down (the two overlap): at least 0.3 s.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
    }

    @Test
    void corruptAtFlipsTheLowBitAtEachOffset() throws IOException {
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, new byte[4])).isEqualTo(new byte[4]);
            relay.corruptAt(ChaosRelay.Direction.UPSTREAM, 5, 7);
            assertThat(roundTrip(s, new byte[6])).isEqualTo(new byte[] {0, 1, 0, 1, 0, 0});
        }
    }

    @Test
    void corruptRandomlyIsRepeatableWithTheSameSeed() throws IOException {
        relay.corruptRandomly(ChaosRelay.Direction.DOWNSTREAM, 42, 0.05);
        byte[] first;
        byte[] second;
        try (java.net.Socket s = client()) {
            first = roundTrip(s, new byte[2000]);
        }
        relay.cut();
        // The n-th connection is seeded with seed + n: seed the next one as the first was.
        relay.corruptRandomly(ChaosRelay.Direction.DOWNSTREAM, 41, 0.05);
        try (java.net.Socket s = client()) {
            second = roundTrip(s, new byte[2000]);
        }
        assertThat(first).isNotEqualTo(new byte[2000]).isEqualTo(second);
    }

    @Test
    void resetAfterForwardsExactlyThatManyBytesThenResets() throws IOException {
        try (java.net.Socket s = client()) {
            // The faults aimed at open connections need this one open at the relay.
            assertThat(roundTrip(s, "-".getBytes())).isEqualTo("-".getBytes());
            relay.resetAfter(ChaosRelay.Direction.UPSTREAM, 3);
            s.getOutputStream().write("abcdef".getBytes());
            InputStream in = s.getInputStream();
            byte[] got = new byte[6];
            int n = 0;
            try {
                for (int r; n < got.length && (r = in.read(got, n, got.length - n)) > 0; ) {
                    n += r;
                }
                assertThat(in.read()).as("end of stream after the reset").isEqualTo(-1);
            } catch (SocketException e) {
                assertThat(e.getMessage()).containsIgnoringCase("reset");
            }
            assertThat(n).isLessThanOrEqualTo(3);
            assertThat(Arrays.copyOf(got, n)).isEqualTo(Arrays.copyOf("abc".getBytes(), n));
        }
    }

    @Test
    void halfOpenSwallowsBytesAndClosesNothingUntilHealed() throws IOException {
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, "a".getBytes())).isEqualTo("a".getBytes());
            relay.halfOpen();
            s.setSoTimeout(300);
            s.getOutputStream().write("lost".getBytes());
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            s.setSoTimeout(10_000);
            relay.heal();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, "b".getBytes())).isEqualTo("b".getBytes());
        }
    }

    @Test
    void cutClosesAndDownRefusesUntilUp() throws IOException {
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, "a".getBytes())).isEqualTo("a".getBytes());
            relay.cut();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        relay.down();
        try (java.net.Socket s = client()) {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(relay.refused()).isEqualTo(1);
        relay.up();
        try (java.net.Socket s = client()) {
            assertThat(roundTrip(s, "b".getBytes())).isEqualTo("b".getBytes());
        }
    }

    @Test
    void messagesCrossASlowLaggyLinkWholeAndInOrder() throws IOException {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH);
             ChaosRelay slow = new ChaosRelay(pull.bind("tcp://127.0.0.1:*"))) {
            push.set(Option.LINGER, Duration.ZERO);
            slow.latency(Duration.ofMillis(30));
            slow.bandwidth(500_000);
            push.connect(slow.endpoint());
            byte[] body = new byte[1000];
            for (int i = 0; i < 200; i++) {
                body[0] = (byte) i;
                assertThat(push.send(body.clone(), Duration.ofSeconds(10))).isTrue();
            }
            for (int i = 0; i < 200; i++) {
                Message m = pull.receive(Duration.ofSeconds(10));
                assertThat(m).isNotNull();
                assertThat(m.first().size()).isEqualTo(1000);
                assertThat(m.first().byteAt(0)).isEqualTo((byte) i);
            }
        }
    }
}
