package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A flood of connects and disconnects against a ROUTER while a good DEALER is served throughout:
 * {@value #FLOOD} raw tcp connections from {@value #FLOODERS} threads, each doing one of four
 * things (close at once, reset at once, send half a greeting and close, send a whole greeting and
 * close). The good peer's requests are all answered, during the flood too, each within
 * {@link #SLOWEST}; the server accepted every flood connection.
 */
@Timeout(120)
class ConnectFloodTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration SLOWEST = Duration.ofSeconds(2);
    private static final int FLOOD = 2_000;
    private static final int FLOODERS = 4;

    @Test
    void aGoodPeerIsServedThroughoutAFloodOfConnectsAndDisconnects() throws Exception {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER); Socket dealer = ctx.socket(SocketType.DEALER);
             Monitor accepts = router.monitor(EnumSet.of(SocketEvent.Type.ACCEPTED))) {
            router.set(Option.LINGER, Duration.ZERO);
            dealer.set(Option.LINGER, Duration.ZERO);
            String ep = router.bind("tcp://127.0.0.1:*");
            int port = Integer.parseInt(ep.substring(ep.lastIndexOf(':') + 1));
            Thread server = new Thread(() -> echo(router), "echo-router");
            server.setDaemon(true);
            server.start();
            dealer.connect(ep);
            assertThat(roundTrip(dealer, "hello")).isTrue();

            AtomicInteger flooded = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch floodDone = new CountDownLatch(FLOODERS);
            long started = System.nanoTime();
            for (int t = 0; t < FLOODERS; t++) {
                int first = t;
                Thread flooder = new Thread(() -> {
                    try {
                        for (int i = first; i < FLOOD; i += FLOODERS) {
                            if (!hitAndRun(port, i % 4)) {
                                refused.incrementAndGet();
                            }
                            flooded.incrementAndGet();
                        }
                    } finally {
                        floodDone.countDown();
                    }
                }, "flooder-" + t);
                flooder.setDaemon(true);
                flooder.start();
            }
            int answeredDuringFlood = 0;
            long slowestNanos = 0;
            do {
                long t0 = System.nanoTime();
                assertThat(roundTrip(dealer, "during " + answeredDuringFlood)).as("answered during the flood").isTrue();
                slowestNanos = Math.max(slowestNanos, System.nanoTime() - t0);
                answeredDuringFlood++;
            } while (floodDone.getCount() > 0);
            long floodMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(refused.get()).as("connections refused").isZero();
            // Every connection but those reset at once (which the kernel may drop before accepting) was accepted.
            Await.until(() -> countAccepted(accepts) >= FLOOD * 3 / 4, WAIT, () -> "accepted " + (acceptedSoFar - 1) + " of " + FLOOD);
            assertThat(roundTrip(dealer, "after")).isTrue();
            System.out.printf("connect flood: %d connections (%d accepted) in %d ms (%d/s) from %d threads; good peer: %d round trips during it, slowest %d ms%n",
                    flooded.get(), countAccepted(accepts), floodMillis, flooded.get() * 1000L / Math.max(1, floodMillis), FLOODERS,
                    answeredDuringFlood, Duration.ofNanos(slowestNanos).toMillis());
            assertThat(answeredDuringFlood).isPositive();
            assertThat(Duration.ofNanos(slowestNanos)).isLessThan(SLOWEST);
            server.interrupt();
        }
    }

    private long acceptedSoFar;

    /** Counts the ACCEPTED events so far: the flood's and the good peer's. */
    private long countAccepted(Monitor m) {
        while (m.poll() != null) {
            acceptedSoFar++;
        }
        return acceptedSoFar - 1;
    }

    private static boolean roundTrip(Socket dealer, String text) {
        if (!dealer.send(text, WAIT)) {
            return false;
        }
        Message reply = dealer.receive(WAIT);
        return reply != null && reply.toStrings().equals(List.of("echo " + text));
    }

    private static void echo(Socket router) {
        while (!Thread.currentThread().isInterrupted() && !router.isClosed()) {
            try {
                Message m = router.receive(Duration.ofMillis(100));
                if (m != null) {
                    router.send(Message.of(m.frame(0).toByteArray(), ("echo " + m.frame(1).toUtf8()).getBytes(StandardCharsets.UTF_8)));
                }
            } catch (RuntimeException e) {
                return;
            }
        }
    }

    /** One hostile connection: {@code how} 0 closes, 1 resets, 2 sends half a greeting, 3 a whole one. */
    private static boolean hitAndRun(int port, int how) {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = s.getOutputStream();
            switch (how) {
                case 1 -> s.setSoLinger(true, 0);
                case 2 -> out.write(greeting(), 0, 10);
                case 3 -> out.write(greeting());
                default -> { }
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A ZMTP 3.0 greeting for NULL as a client (rfc 23): signature, version, mechanism, as-server, filler. */
    private static byte[] greeting() {
        byte[] g = new byte[64];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mechanism, 0, g, 12, mechanism.length);
        return g;
    }
}
