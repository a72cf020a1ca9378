package dev.zmq4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Promises 1 and 3 at scale: hostile peers on raw tcp connections against a bound REP that echoes,
 * while a well-behaved REQ in another context makes round trips throughout. The server stays up,
 * its heap stays bounded, and the good peer is served with bounded latency.
 *
 * <p>Sized for CI; the system properties scale each attack up (the issue asks for 10,000
 * connections and 10,000 connects per second for a minute; docs/RELIABILITY.md
 * has the command and the figures of the full run):
 * <ul>
 *   <li>{@code zmq4j.hostile.slowloris} connections that send one byte a second (default 300),
 *       for {@code zmq4j.hostile.seconds} (default 8) against HANDSHAKE_IVL
 *       {@code zmq4j.hostile.handshakeIvl} seconds (default 3);
 *   <li>{@code zmq4j.hostile.floodRate} connects (each reset at once) per second (default 500) for
 *       {@code zmq4j.hostile.floodSeconds} (default 4);
 *   <li>{@code zmq4j.hostile.random} connections sending random bytes after a valid greeting (default 300),
 *       against MAX_HANDSHAKES {@code zmq4j.hostile.maxHandshakes} (default 0, no limit) and BACKLOG
 *       {@code zmq4j.hostile.backlog} (default the option's).
 * </ul>
 */
@Timeout(600)
class HostilePeersTest {
    private static final long SLACK = 32L << 20;
    /** Heap per attacking connection allowed above the baseline (both ends counted, as in HandshakeMemoryTest). */
    private static final long PER_CONNECTION = 16 * 1024;
    /** The slowest round trip the good peer may see while under attack (a loaded 2-core machine). */
    private static final Duration MAX_LATENCY = Duration.ofSeconds(2);

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static int property(String name, int defaultValue) {
        return Integer.getInteger("zmq4j.hostile." + name, defaultValue);
    }

    @Test
    void slowlorisConnectionsAreCutByHandshakeIvlWhileAGoodPeerIsServed() throws Exception {
        int n = property("slowloris", 300);
        int seconds = property("seconds", 8);
        Duration ivl = Duration.ofSeconds(property("handshakeIvl", 3));
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(Option.HANDSHAKE_IVL, ivl);
            String ep = rep.bind("tcp://127.0.0.1:*");
            GoodPeer.echo(rep);
            try (GoodPeer good = new GoodPeer(ep);
                 EventCounter events = new EventCounter(rep, EnumSet.of(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL));
                 RawConnections raw = new RawConnections(ep)) {
                Await.until(() -> good.roundTrips() > 0, Duration.ofSeconds(10), "the good peer's first round trip");
                long baseline = Resources.heapAfterGc();
                byte[] script = Wire.concat(Wire.greeting(), Wire.ready("REQ"));
                long openStart = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    raw.open(script);
                }
                long openMillis = (System.nanoTime() - openStart) / 1_000_000;
                long tripsBefore = good.roundTrips();
                long peak = 0;
                long reopened = 0;
                long tick = System.nanoTime();
                for (int s = 0; s < seconds; s++) {
                    raw.sendNext(1);
                    raw.poll();
                    reopened += raw.reopenClosed();
                    peak = Math.max(peak, Resources.heapUsed());
                    // Pacing the attack at a byte a second, not waiting for anything.
                    tick += TimeUnit.SECONDS.toNanos(1);
                    LockSupport.parkNanos(tick - System.nanoTime());
                }
                long during = Resources.heapAfterGc();
                long trips = good.roundTrips() - tripsBefore;
                System.out.printf(Locale.ROOT, "slowloris: %d connections (opened in %d ms), 1 byte/s for %d s, HANDSHAKE_IVL %d s:"
                        + " %d cut by HANDSHAKE_IVL, %d reconnected; heap after GC %s -> %s (peak sampled %s);"
                        + " good peer %d round trips during the attack, slowest %d ms, %d failed%n",
                        n, openMillis, seconds, ivl.toSeconds(), events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL),
                        reopened, Resources.mib(baseline), Resources.mib(during), Resources.mib(peak),
                        trips, good.slowest().toMillis(), good.failures());

                assertThat(good.failures()).as("good round trips that failed").isZero();
                assertThat(trips).as("good round trips during the attack").isPositive();
                assertThat(good.slowest()).as("slowest good round trip").isLessThan(MAX_LATENCY);
                assertThat(during - baseline).as("heap growth under attack")
                        .isLessThan(n * PER_CONNECTION + SLACK);
                if (seconds >= ivl.toSeconds() + 2) {
                    assertThat(events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL))
                            .as("every slow connection cut by HANDSHAKE_IVL").isGreaterThanOrEqualTo(n);
                }
            }
        }
    }

    @Test
    void aFloodOfConnectsAndResetsLeavesNothingBehindWhileAGoodPeerIsServed() throws Exception {
        int rate = property("floodRate", 500);
        int seconds = property("floodSeconds", 4);
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            String ep = rep.bind("tcp://127.0.0.1:*");
            GoodPeer.echo(rep);
            try (GoodPeer good = new GoodPeer(ep);
                 EventCounter events = new EventCounter(rep, EnumSet.of(SocketEvent.Type.ACCEPTED, SocketEvent.Type.DISCONNECTED));
                 RawConnections raw = new RawConnections(ep)) {
                Await.until(() -> good.roundTrips() > 0, Duration.ofSeconds(10), "the good peer's first round trip");
                // A few connects first, so that every class of the path is loaded before the baseline.
                for (int i = 0; i < 50; i++) {
                    raw.connectAndReset();
                }
                Await.until(() -> events.count(SocketEvent.Type.DISCONNECTED) >= 50, Duration.ofSeconds(10), "warm-up resets seen");
                long baseHeap = Resources.heapAfterGc();
                int baseFds = Resources.fileDescriptors();
                long tripsBefore = good.roundTrips();
                long peak = 0;
                long made = 0;
                long start = System.nanoTime();
                long end = start + TimeUnit.SECONDS.toNanos(seconds);
                // Bounded by the clock: when the machine cannot make the rate, fewer connects are made.
                for (long slice = start; System.nanoTime() < end; ) {
                    // Each 10 ms slice makes its share of the rate, then waits for the next slice.
                    for (int i = 0; i < rate / 100; i++) {
                        raw.connectAndReset();
                        made++;
                    }
                    peak = Math.max(peak, Resources.heapUsed());
                    slice += TimeUnit.MILLISECONDS.toNanos(10);
                    LockSupport.parkNanos(slice - System.nanoTime());
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double achieved = made / elapsed;
                long expected = made + 50;
                Await.until(() -> events.count(SocketEvent.Type.DISCONNECTED) >= expected, Duration.ofSeconds(60),
                        () -> events.count(SocketEvent.Type.DISCONNECTED) + " of " + expected + " resets seen");
                Await.until(() -> Resources.fileDescriptors() <= baseFds, Duration.ofSeconds(30),
                        () -> Resources.fileDescriptors() + " open file descriptors (expected: <= " + baseFds + ")");
                long after = Resources.heapAfterGc();
                long trips = good.roundTrips() - tripsBefore;
                System.out.printf(Locale.ROOT, "flood: %d connects and resets in %.1f s (%.0f/s, asked %d/s), %d accepted;"
                        + " heap after GC %s -> %s (peak sampled %s); fds %d -> %d;"
                        + " good peer %d round trips during the flood, slowest %d ms, %d failed%n",
                        made, elapsed, achieved, rate, events.count(SocketEvent.Type.ACCEPTED), Resources.mib(baseHeap),
                        Resources.mib(after), Resources.mib(peak), baseFds, Resources.fileDescriptors(), trips,
                        good.slowest().toMillis(), good.failures());

                assertThat(good.failures()).as("good round trips that failed").isZero();
                assertThat(trips).as("good round trips during the flood").isPositive();
                assertThat(good.slowest()).as("slowest good round trip").isLessThan(MAX_LATENCY);
                assertThat(after - baseHeap).as("heap left after the flood").isLessThan(SLACK);
            }
        }
    }

    @Test
    void randomBytesAfterAValidGreetingCostOnlyTheirConnections() throws Exception {
        int n = property("random", 300);
        long seed = Long.getLong("zmq4j.hostile.seed", System.nanoTime());
        Random random = new Random(seed);
        Duration ivl = Duration.ofSeconds(3);
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(Option.HANDSHAKE_IVL, ivl);
            // For measurements: MAX_HANDSHAKES, and a backlog that holds the connections it makes wait.
            rep.set(Option.MAX_HANDSHAKES, property("maxHandshakes", 0));
            rep.set(Option.BACKLOG, property("backlog", rep.get(Option.BACKLOG)));
            String ep = rep.bind("tcp://127.0.0.1:*");
            GoodPeer.echo(rep);
            try (EventCounter events = new EventCounter(rep, EnumSet.of(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL,
                         SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL, SocketEvent.Type.HANDSHAKE_SUCCEEDED));
                 GoodPeer good = new GoodPeer(ep);
                 RawConnections raw = new RawConnections(ep)) {
                Await.until(() -> good.roundTrips() > 0, Duration.ofSeconds(10), "the good peer's first round trip");
                long baseline = Resources.heapAfterGc();
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    byte[] tail = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(tail);
                    if (random.nextBoolean()) {
                        // Half of them start like a command, so that the decoder gets past the flags byte.
                        tail[0] = (byte) (random.nextBoolean() ? 0x04 : 0x06);
                    }
                    raw.open(Wire.concat(Wire.greeting(), tail));
                }
                long opened = System.nanoTime();
                raw.sendAll();
                long sent = System.nanoTime();
                Await.until(() -> raw.poll() == n, ivl.plusSeconds(30), () -> raw.poll() + " of " + n + " closed (seed " + seed + ")");
                long allClosed = System.nanoTime();
                long after = Resources.heapAfterGc();
                long protocol = events.count(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
                long timedOut = events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
                System.out.printf(Locale.ROOT, "random bytes: MAX_HANDSHAKES %d, BACKLOG %d%n", rep.get(Option.MAX_HANDSHAKES),
                        rep.get(Option.BACKLOG));
                System.out.printf(Locale.ROOT, "random bytes: %d connections (seed %d): %d refused as protocol errors,"
                        + " %d ended by HANDSHAKE_IVL (waiting for the rest of a frame); heap after GC %s -> %s;"
                        + " good peer %d round trips, slowest %d ms, %d failed%n",
                        n, seed, protocol, timedOut, Resources.mib(baseline), Resources.mib(after), good.roundTrips(),
                        good.slowest().toMillis(), good.failures());
                System.out.printf(Locale.ROOT, "random bytes: opened in %d ms, sent in %d ms, all closed %d ms later;"
                        + " the slowest round trip started %d ms after the first open%n",
                        millis(opened - start), millis(sent - opened), millis(allClosed - sent),
                        good.slowestStartedAfter(start).toMillis());

                assertThat(events.count(SocketEvent.Type.HANDSHAKE_SUCCEEDED)).as("handshakes completed: the good peer's only")
                        .isEqualTo(1);
                Await.until(() -> events.count(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL)
                        + events.count(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL) == n, Duration.ofSeconds(10),
                        "every random connection's handshake failed");
                assertThat(good.failures()).as("good round trips that failed").isZero();
                assertThat(good.slowest()).as("slowest good round trip").isLessThan(MAX_LATENCY);
                assertThat(after - baseline).as("heap left").isLessThan(SLACK);
            }
        }
    }

    @Test
    void frameHeadersNoHeapCanHoldCostTheirConnectionsWithoutAnyLimitSet() throws Exception {
        // No MAXMSGSIZE: sizes past what a Java array (2^31 - 9) or any heap can hold, for a message
        // frame and for a command frame, after a completed handshake.
        long[] sizes = {Long.MAX_VALUE, 1L << 40, 1L << 31, Integer.MAX_VALUE - 7};
        try (Context ctx = new Context(); Context goodCtx = new Context();
             Socket pull = ctx.socket(SocketType.PULL); Socket push = goodCtx.socket(SocketType.PUSH)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            try (EventCounter events = new EventCounter(pull, EnumSet.of(SocketEvent.Type.DISCONNECTED));
                 RawConnections raw = new RawConnections(ep)) {
                for (long size : sizes) {
                    for (int flags : new int[] {0x00, 0x01, 0x04}) {
                        raw.open(Wire.concat(Wire.greeting(), Wire.ready("PUSH"), Wire.longHeader(flags, size), new byte[] {1, 2, 3}));
                    }
                }
                raw.sendAll();
                int n = raw.size();
                Await.until(() -> raw.poll() == n, Duration.ofSeconds(20), () -> raw.poll() + " of " + n + " closed");
                Await.until(() -> events.count(SocketEvent.Type.DISCONNECTED) == n, Duration.ofSeconds(10),
                        () -> events.count(SocketEvent.Type.DISCONNECTED) + " of " + n + " disconnected");
            }
            assertThat(push.send("still served", Duration.ofSeconds(10))).isTrue();
            Message m = pull.receive(Duration.ofSeconds(10));
            assertThat(m).isNotNull();
            assertThat(m.toStrings()).containsExactly("still served");
        }
    }
}
