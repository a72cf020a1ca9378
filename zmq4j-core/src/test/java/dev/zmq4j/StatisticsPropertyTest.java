package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Promise 2 in numbers: with small HWMs, random message counts and random interleavings of sends
 * and receives, over inproc and tcp, every message is either received (whole, once, in order) or
 * counted, and {@link Socket#statistics()} adds up on both sides.
 *
 * <ul>
 *   <li>PUB/SUB (a PUB never blocks): sent = received + dropped at SNDHWM; the PUB's
 *       {@code messagesOut} and the SUB's {@code messagesIn} both equal what was received, bytes too.
 *   <li>PUSH/PULL (a PUSH refuses at HWM rather than drop): accepted = received, nothing dropped,
 *       refused sends are the caller's ({@code trySend} returned {@code false}); also when the
 *       PUSH closes before the PULL has read what it sent.
 * </ul>
 *
 * Few tries (each makes a context and two sockets); every wait is bounded by {@link #WAIT}.
 */
class StatisticsPropertyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** A fresh endpoint: an ephemeral tcp port on loopback, or a unique inproc name. */
    private static String endpoint(boolean tcp) {
        return tcp ? "tcp://127.0.0.1:*" : "inproc://statistics-property-" + NAMES.incrementAndGet();
    }

    private static byte[] body(int seq, int padding) {
        return ByteBuffer.allocate(4 + padding).putInt(seq).array();
    }

    private static int seq(byte[] body) {
        return ByteBuffer.wrap(body).getInt();
    }

    @Property(tries = 20)
    void pubSubSentIsReceivedPlusDroppedAndTheCountersAgree(
            @ForAll boolean tcp,
            @ForAll @IntRange(min = 1, max = 40) int sndhwm,
            @ForAll @IntRange(min = 1, max = 40) int rcvhwm,
            @ForAll @IntRange(min = 1, max = 3000) int count,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 200) Integer> bursts) {
        // bursts: alternately how many to send, then how many to receive at most, in turn
        try (Context ctx = new Context(); Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB)) {
            pub.set(Option.SNDHWM, sndhwm);
            sub.set(Option.RCVHWM, rcvhwm);
            sub.set(Option.SUBSCRIBE, new byte[0]);
            sub.connect(pub.bind(endpoint(tcp)));
            Await.until(() -> pub.trySend(new byte[] {-1}) && sub.receive(Duration.ofMillis(20)) != null, WAIT, "never subscribed");
            SocketStatistics[] base = quiescent(pub, sub);

            int[] sizes = new int[count];
            List<Integer> received = new ArrayList<>();
            int[] probes = {0};
            int sent = 0;
            for (int b = 0; sent < count; b++) {
                int burst = bursts.get(b % bursts.size());
                for (int i = 0; i < Math.max(1, burst) && sent < count; i++, sent++) {
                    sizes[sent] = (sent * 7 + burst) % 64;
                    assertThat(pub.trySend(body(sent, sizes[sent]))).as("a PUB never refuses").isTrue();
                }
                receiveUpTo(sub, bursts.get((b + 1) % bursts.size()), received, probes);
            }
            Await.until(() -> {
                receiveUpTo(sub, Integer.MAX_VALUE, received, probes);
                return received.size() + dropped(pub, base[0]) >= count;
            }, WAIT, () -> "received " + received.size() + " + dropped " + dropped(pub, base[0]) + " of " + count);

            assertInOrderOnce(received, count);
            assertThat(received.size() + dropped(pub, base[0])).isEqualTo(count);
            long bytes = 0;
            for (int s : received) {
                bytes += 4 + sizes[s];
            }
            long delivered = received.size() + probes[0];
            long deliveredBytes = bytes + probes[0];
            Await.until(() -> pub.statistics().messagesOut() - base[0].messagesOut() == delivered
                    && sub.statistics().messagesIn() - base[1].messagesIn() == delivered,
                    WAIT, () -> "delivered " + delivered + ": pub " + pub.statistics() + " sub " + sub.statistics());
            assertThat(pub.statistics().bytesOut() - base[0].bytesOut()).isEqualTo(deliveredBytes);
            assertThat(sub.statistics().bytesIn() - base[1].bytesIn()).isEqualTo(deliveredBytes);
            assertThat(sub.statistics().queuedIn()).isZero();
            assertThat(pub.statistics().queuedOut()).isZero();
            assertThat(sub.statistics().messagesDropped()).isZero();
        }
    }

    @Property(tries = 20)
    void pushPullAcceptedIsReceivedAndNothingIsDropped(
            @ForAll boolean tcp,
            @ForAll @IntRange(min = 1, max = 40) int sndhwm,
            @ForAll @IntRange(min = 1, max = 40) int rcvhwm,
            @ForAll @IntRange(min = 1, max = 3000) int attempts,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 200) Integer> bursts,
            @ForAll boolean senderLeavesFirst) {
        // bursts: alternately how many to send, then how many to receive at most, in turn
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(Option.SNDHWM, sndhwm);
            pull.set(Option.RCVHWM, rcvhwm);
            push.connect(pull.bind(endpoint(tcp)));
            assertThat(push.send(new byte[] {-1}, WAIT)).isTrue();
            assertThat(pull.receive(WAIT)).isNotNull();
            SocketStatistics[] base = quiescent(push, pull);

            List<Integer> received = new ArrayList<>();
            int[] probes = {0};
            int accepted = 0;
            long acceptedBytes = 0;
            int tried = 0;
            for (int b = 0; tried < attempts; b++) {
                int burst = bursts.get(b % bursts.size());
                for (int i = 0; i < Math.max(1, burst) && tried < attempts; i++, tried++) {
                    int padding = (tried * 7 + burst) % 64;
                    if (push.trySend(body(accepted, padding))) {
                        accepted++;
                        acceptedBytes += 4 + padding;
                    }
                }
                receiveUpTo(pull, bursts.get((b + 1) % bursts.size()), received, probes);
            }
            int total = accepted;
            long bytes = acceptedBytes;
            Await.until(() -> push.statistics().messagesOut() - base[0].messagesOut() == total,
                    WAIT, () -> "accepted " + total + ": push " + push.statistics());
            SocketStatistics sent = push.statistics();
            if (senderLeavesFirst) {
                // What the PUSH queued stays readable (inproc) or is flushed within LINGER (tcp),
                // and is counted by the PULL however late it reads it.
                push.close();
            }
            Await.until(() -> {
                receiveUpTo(pull, Integer.MAX_VALUE, received, probes);
                return received.size() >= total;
            }, WAIT, () -> "received " + received.size() + " of " + total);

            assertInOrderOnce(received, total);
            assertThat(received).hasSize(total);
            assertThat(probes[0]).isZero();
            Await.until(() -> pull.statistics().messagesIn() - base[1].messagesIn() == total,
                    WAIT, () -> "accepted " + total + ": pull " + pull.statistics());
            assertThat(sent.bytesOut() - base[0].bytesOut()).isEqualTo(bytes);
            assertThat(pull.statistics().bytesIn() - base[1].bytesIn()).isEqualTo(bytes);
            assertThat(sent.messagesDropped()).isZero();
            assertThat(pull.statistics().queuedIn()).isZero();
        }
    }

    /** Waits until what the sender counted out the receiver counted in, nothing queued; returns both snapshots. */
    private static SocketStatistics[] quiescent(Socket sender, Socket receiver) {
        // Late synchronisation messages are taken and forgotten.
        Await.until(() -> {
            while (receiver.tryReceive() != null) {
                // a late probe
            }
            SocketStatistics s = sender.statistics();
            SocketStatistics r = receiver.statistics();
            return s.queuedOut() == 0 && r.queuedIn() == 0 && s.messagesOut() == r.messagesIn();
        }, WAIT, () -> "never quiet: " + sender.statistics() + " / " + receiver.statistics());
        return new SocketStatistics[] {sender.statistics(), receiver.statistics()};
    }

    /**
     * Receives at most {@code most} messages without waiting: sequence numbers into {@code into},
     * late synchronisation probes (one byte, taken from their pipe before the baseline) counted
     * in {@code probes}.
     */
    private static void receiveUpTo(Socket s, int most, List<Integer> into, int[] probes) {
        for (int i = 0; i < most; i++) {
            Message m = s.tryReceive();
            if (m == null) {
                return;
            }
            byte[] b = m.first().toByteArray();
            if (b.length == 1) {
                probes[0]++;
            } else {
                into.add(seq(b));
            }
        }
    }

    private static void assertInOrderOnce(List<Integer> received, int count) {
        int previous = -1;
        for (int s : received) {
            assertThat(s).as("after %d (duplicate or reordered)", previous).isGreaterThan(previous).isLessThan(count);
            previous = s;
        }
    }

    private static long dropped(Socket pub, SocketStatistics base) {
        return pub.statistics().messagesDropped() - base.messagesDropped();
    }
}
