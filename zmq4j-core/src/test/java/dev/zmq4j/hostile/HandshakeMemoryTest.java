package dev.zmq4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Promise 1, memory before the handshake: thousands of connections that never complete their
 * handshake cost a bounded few KiB of heap each, whatever they announce, and HANDSHAKE_IVL closes
 * every one of them.
 *
 * <p>{@code -Dzmq4j.hostile.connections=N} sets how many connections each case opens (default
 * {@value #DEFAULT_CONNECTIONS}; the ulimit on open files must allow twice as many).
 */
@Timeout(180)
class HandshakeMemoryTest {
    static final int DEFAULT_CONNECTIONS = 2000;
    /** The most heap one half-open connection may hold, both ends of it (client and server) counted. */
    static final long BOUND_PER_CONNECTION = 8 * 1024;
    private static final Duration HANDSHAKE_IVL = Duration.ofSeconds(8);

    /** What each connection sends, and then nothing more. */
    enum Stall {
        NOTHING(new byte[0]),
        HALF_A_GREETING(java.util.Arrays.copyOf(Wire.greeting(), 32)),
        /** A greeting then the header of the largest command (1 MiB) the handshake accepts. */
        ANNOUNCES_A_ONE_MIB_COMMAND(Wire.concat(Wire.greeting(), Wire.longHeader(0x04, 1 << 20), new byte[] {5, 'R'}));

        final byte[] bytes;

        Stall(byte[] bytes) {
            this.bytes = bytes;
        }
    }

    @ParameterizedTest
    @EnumSource(Stall.class)
    void stalledConnectionsHoldAFewKibEachUntilHandshakeIvlClosesThem(Stall stall) throws Exception {
        int n = Integer.getInteger("zmq4j.hostile.connections", DEFAULT_CONNECTIONS);
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.PULL)) {
            server.set(Option.HANDSHAKE_IVL, HANDSHAKE_IVL);
            String ep = server.bind("tcp://127.0.0.1:*");
            try (EventCounter events = new EventCounter(server,
                    EnumSet.of(SocketEvent.Type.ACCEPTED, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL));
                 RawConnections raw = new RawConnections(ep)) {
                // One connection first, so that the classes and buffers of the path are in place.
                raw.open(stall.bytes);
                raw.sendAll();
                Await.until(() -> events.count(SocketEvent.Type.ACCEPTED) == 1, Duration.ofSeconds(10), "first accept");
                long before = Resources.heapAfterGc();
                long start = System.nanoTime();

                for (int i = 1; i < n; i++) {
                    raw.open(stall.bytes);
                }
                raw.sendAll();
                Await.until(() -> events.count(SocketEvent.Type.ACCEPTED) == n, Duration.ofSeconds(60),
                        () -> events.count(SocketEvent.Type.ACCEPTED) + " of " + n + " accepted");
                // Let the server read what each connection sent: it answers each with its greeting.
                raw.poll();
                long after = Resources.heapAfterGc();
                long measuredAfter = System.nanoTime() - start;
                assertThat(events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL))
                        .as("no connection timed out before the heap was measured").isZero();
                long perConnection = (after - before) / (n - 1);
                System.out.printf(Locale.ROOT, "handshake memory: %s x %d connections: heap %s -> %s, %d B per connection"
                        + " (client and server ends), measured %d ms after the first connect%n",
                        stall, n, Resources.mib(before), Resources.mib(after), perConnection, measuredAfter / 1_000_000);
                assertThat(perConnection).as("heap bytes per stalled connection").isLessThan(BOUND_PER_CONNECTION);
                assertThat(measuredAfter).as("measured before HANDSHAKE_IVL could close any")
                        .isLessThan(HANDSHAKE_IVL.toNanos());

                // HANDSHAKE_IVL ends every one: the server reports it, and each raw end sees the close.
                Await.until(() -> events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL) == n,
                        HANDSHAKE_IVL.plusSeconds(30),
                        () -> events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL) + " of " + n + " timed out");
                Await.until(() -> raw.poll() == n, Duration.ofSeconds(30), () -> raw.poll() + " of " + n + " closed");
            }
        }
    }
}
