package dev.zmq4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Promise 4: a PUB with one stalled subscriber (a raw tcp connection that subscribes to everything,
 * with a small receive buffer, and never reads) and nine fast ones. The publisher's heap and direct
 * memory stay flat, bounded by SNDHWM; the fast subscribers get every message, in order; every
 * message the stalled one missed is counted in {@code statistics().messagesDropped()}, which, with
 * what it finally reads, adds up to what was published.
 *
 * <p>{@code -Dzmq4j.hostile.published=N} scales the run (default {@value #DEFAULT_MESSAGES} messages
 * of {@value #SIZE} bytes).
 */
@Timeout(300)
class SlowSubscriberTest {
    static final int DEFAULT_MESSAGES = 60_000;
    static final int SIZE = 1024;
    static final int SNDHWM = 1000;
    static final int FAST = 9;
    /** Published between two checks that the fast subscribers kept up (below SNDHWM: they never drop). */
    static final int BATCH = 500;
    private static final Duration STEP = Duration.ofSeconds(30);

    /** A fast subscriber: receives on a thread of its own, checks the order, counts. */
    private static final class Fast {
        final Socket sub;
        final AtomicLong data = new AtomicLong();
        final AtomicBoolean outOfOrder = new AtomicBoolean();
        final AtomicBoolean synced = new AtomicBoolean();

        Fast(Context ctx, String ep) {
            sub = ctx.socket(SocketType.SUB);
            sub.set(Option.SUBSCRIBE, new byte[0]);
            sub.connect(ep);
            Thread t = new Thread(this::run, "fast-sub");
            t.setDaemon(true);
            t.start();
        }

        private void run() {
            try {
                for (;;) {
                    byte[] m = sub.receiveBytes();
                    if (m[0] == 's') {
                        synced.set(true);
                    } else if (ByteBuffer.wrap(m, 1, 8).getLong() != data.getAndIncrement()) {
                        outOfOrder.set(true);
                    }
                }
            } catch (RuntimeException closed) {
                // The context closed: the test is over.
            }
        }
    }

    @Test
    void aStalledSubscriberCostsBoundedMemoryAndItsDropsAreCountedWhileNineFastOnesGetEverything() throws Exception {
        int total = Integer.getInteger("zmq4j.hostile.published", DEFAULT_MESSAGES);
        try (Context ctx = new Context(); Context subCtx = new Context(); Socket pub = ctx.socket(SocketType.PUB)) {
            pub.set(Option.SNDHWM, SNDHWM);
            pub.set(Option.LINGER, Duration.ZERO);
            String ep = pub.bind("tcp://127.0.0.1:*");
            try (SocketChannel stalled = SocketChannel.open()) {
                stalled.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                String hostPort = ep.substring("tcp://".length());
                stalled.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))));
                stalled.write(ByteBuffer.wrap(Wire.concat(Wire.greeting(), Wire.ready("SUB"), subscribeToEverything())));
                stalled.configureBlocking(false);
                ByteBuffer peek = ByteBuffer.allocate(64 * 1024);
                List<byte[]> received = new ArrayList<>();
                // Until a message reaches the stalled subscriber, its subscription is not in place.
                Await.until(() -> {
                    pub.send("sync");
                    read(stalled, peek, received);
                    return count(received, b -> b.length == 4 && b[0] == 's') > 0;
                }, STEP, "the stalled subscriber's subscription never reached the publisher");

                List<Fast> fast = new ArrayList<>();
                for (int i = 0; i < FAST; i++) {
                    fast.add(new Fast(subCtx, ep));
                }
                Await.until(() -> {
                    pub.send("sync");
                    return fast.stream().allMatch(f -> f.synced.get());
                }, STEP, "the fast subscriptions never reached the publisher");

                long droppedBefore = pub.statistics().messagesDropped();
                long[] heap = new long[5];
                long[] direct = new long[5];
                byte[] body = new byte[SIZE];
                body[0] = 'm';
                for (int sent = 0, sample = 0; sent < total; ) {
                    for (int i = 0; i < BATCH && sent < total; i++, sent++) {
                        ByteBuffer.wrap(body, 1, 8).putLong(sent);
                        assertThat(pub.send(body.clone())).isTrue();
                    }
                    long target = sent;
                    Await.until(() -> fast.stream().allMatch(f -> f.data.get() >= target), STEP,
                            () -> "fast subscribers behind: " + fast.stream().map(f -> f.data.get()).toList() + " of " + target);
                    while (sample < heap.length && sent >= (long) total * (sample + 1) / heap.length) {
                        heap[sample] = Resources.heapAfterGc();
                        direct[sample] = Resources.directUsed();
                        sample++;
                    }
                }
                long dropped = pub.statistics().messagesDropped() - droppedBefore;

                // The stalled subscriber finally reads: what it gets and what was dropped add up.
                long[] data = new long[1];
                Await.until(() -> {
                    read(stalled, peek, received);
                    data[0] = count(received, b -> b.length == SIZE && b[0] == 'm');
                    return data[0] + dropped >= total;
                }, STEP, () -> "stalled subscriber read " + data[0] + ", dropped " + dropped + " (expected: " + total + ")");

                long heapSpread = max(heap) - min(heap);
                long directSpread = max(direct) - min(direct);
                System.out.printf(Locale.ROOT, "slow consumer: %d messages of %d B to 9 fast SUBs and 1 stalled (SNDHWM %d):"
                        + " %d dropped for the stalled one, %d queued to it; publisher heap after GC at each fifth %s"
                        + " (spread %s), direct memory %s (spread %s)%n",
                        total, SIZE, SNDHWM, dropped, data[0], mibs(heap), Resources.mib(heapSpread), mibs(direct),
                        Resources.mib(directSpread));

                assertThat(data[0] + dropped).as("delivered to the stalled subscriber + dropped").isEqualTo(total);
                assertThat(dropped).as("dropped: the stalled subscriber missed most").isGreaterThan(total / 2);
                for (Fast f : fast) {
                    assertThat(f.data.get()).as("messages a fast subscriber got").isEqualTo(total);
                    assertThat(f.outOfOrder.get()).as("out of order").isFalse();
                }
                // Flat: a full pipe of SNDHWM messages, the connection's write buffer; nothing grows with the count.
                long bound = 2L * SNDHWM * SIZE + (8L << 20);
                assertThat(heapSpread).as("heap spread across the run").isLessThan(bound);
                assertThat(directSpread).as("direct memory spread across the run").isLessThan(bound);
            }
        }
    }

    /** A SUBSCRIBE command (rfc 37 / ZMTP 3.1) for the empty prefix: everything. */
    private static byte[] subscribeToEverything() {
        byte[] name = "SUBSCRIBE".getBytes(StandardCharsets.US_ASCII);
        return Wire.concat(new byte[] {0x04, (byte) (1 + name.length), (byte) name.length}, name);
    }

    /** Reads what is there (non-blocking) into {@code received}; returns the bytes held in total. */
    private static long read(SocketChannel ch, ByteBuffer buf, List<byte[]> received) {
        try {
            int n;
            while ((n = ch.read(buf.clear())) > 0) {
                byte[] b = new byte[n];
                buf.flip().get(b);
                received.add(b);
            }
        } catch (IOException e) {
            throw new AssertionError("the publisher closed the stalled subscriber's connection", e);
        }
        return received.stream().mapToLong(b -> b.length).sum();
    }

    /** Message frames whose body matches, in the stream after the publisher's 64-byte greeting. */
    private static long count(List<byte[]> received, java.util.function.Predicate<byte[]> which) {
        ByteBuffer all = ByteBuffer.allocate((int) received.stream().mapToLong(b -> b.length).sum());
        received.forEach(all::put);
        if (all.position() < 64) {
            return 0;
        }
        all.flip().position(64);
        long count = 0;
        while (all.remaining() >= 2) {
            int start = all.position();
            int flags = all.get() & 0xFF;
            long size;
            if ((flags & 0x02) != 0) {
                if (all.remaining() < 8) {
                    all.position(start);
                    break;
                }
                size = all.getLong();
            } else {
                size = all.get() & 0xFF;
            }
            if (all.remaining() < size) {
                all.position(start);
                break;
            }
            byte[] body = new byte[(int) size];
            all.get(body);
            if ((flags & 0x04) == 0 && which.test(body)) {
                count++;
            }
        }
        return count;
    }

    private static long max(long[] v) {
        return java.util.Arrays.stream(v).max().orElseThrow();
    }

    private static long min(long[] v) {
        return java.util.Arrays.stream(v).min().orElseThrow();
    }

    private static String mibs(long[] v) {
        return java.util.Arrays.stream(v).mapToObj(Resources::mib).toList().toString();
    }
}
