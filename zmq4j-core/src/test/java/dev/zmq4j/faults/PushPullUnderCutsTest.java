package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Events;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketStatistics;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PUSH/PULL through a link that is cut again and again while the PUSH sends as fast as it can,
 * each message numbered. Between two connections the receiver drains what the dead one delivered,
 * and the sender reports the dead one's end, before the link comes back, so what it received, in
 * the order received, is each connection's
 * messages one connection after the other: the whole list must rise strictly (nothing duplicated
 * or reordered), and every gap in it (messages lost with a connection) must start right after a
 * connection's last message (a cut loses the tail of what was written to that connection, never a
 * message in the middle). The counters account for the rest: the PUSH's {@code messagesOut} and
 * {@code queuedOut} add up to what was sent, the PULL's {@code messagesIn} to what was received,
 * and their difference is what the cuts lost on the wire.
 */
@Timeout(120)
class PushPullUnderCutsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CUTS = 10;
    private static final int PER_CONNECTION = 2_000;

    @Test
    void withinEachConnectionNothingIsDuplicatedOrReorderedAndTheCountersAccountForTheRest() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.LINGER, Duration.ZERO);
            push.set(Option.LINGER, Duration.ZERO);
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(50));
            String ep = pull.bind("tcp://127.0.0.1:*");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong();
            Thread sender = new Thread(() -> {
                for (long seq = 0; !stop.get(); ) {
                    if (push.send(ByteBuffer.allocate(Long.BYTES).putLong(seq).array(), Duration.ofMillis(20))) {
                        seq++;
                        sent.set(seq);
                    }
                }
            }, "numbered-push");
            List<Long> received = new ArrayList<>();
            List<Integer> lastOfConnection = new ArrayList<>();
            long started = System.nanoTime();
            try (ChaosRelay relay = new ChaosRelay(ep);
                 Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED));
                 Monitor pushMonitor = push.monitor(EnumSet.allOf(SocketEvent.Type.class))) {
                PushLog pushEvents = new PushLog(pushMonitor);
                push.connect(relay.endpoint());
                sender.start();
                for (int cut = 0; cut < CUTS; cut++) {
                    // Messages only come over a connection: these prove the new one is up.
                    int target = received.size() + PER_CONNECTION;
                    while (received.size() < target) {
                        received.add(seq(receiveOrExplain(pull, "round " + cut, push, pushEvents, relay, received, sent)));
                    }
                    pushEvents.clear();
                    relay.down();
                    relay.cut();
                    int round = cut;
                    Supplier<String> state = () -> "round " + round + ", relay: " + relay.open() + " open, " + relay.accepted() + " accepted, "
                            + relay.refused() + " refused; received " + received.size() + "; push " + push.statistics() + "; pull "
                            + pull.statistics() + "; push events " + pushEvents;
                    drainUntilDisconnected(pull, pullEvents, m -> received.add(seq(m)), state);
                    lastOfConnection.add(received.size() - 1);
                    // The PUSH lets go of the cut connection in its own time (it may still be
                    // writing into it, unaware, after the PULL has seen its end): until it has,
                    // what it sends may go down the dead connection and be lost, the last message
                    // below included. The link comes back once both ends are done with the old one.
                    pushEvents.awaitDisconnected(state);
                    relay.up();
                }
                stop.set(true);
                sender.join(WAIT.toMillis());
                assertThat(sender.isAlive()).isFalse();
                // A last message behind everything still queued: once it arrives over the last
                // connection (never cut), so has all that was queued before it.
                long total = sent.get() + 1;
                assertThat(push.send(ByteBuffer.allocate(Long.BYTES).putLong(total - 1).array(), WAIT)).isTrue();
                while (received.get(received.size() - 1) != total - 1) {
                    received.add(seq(receiveOrExplain(pull, "after the last cut", push, pushEvents, relay, received, sent)));
                }
                assertThat(pull.tryReceive()).isNull();
                long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

                assertRisingAndLosingOnlyTails(received, lastOfConnection);
                // Counters are published once per batch: wait for the last batch's, then compare.
                Await.until(() -> push.statistics().messagesOut() + push.statistics().queuedOut() >= total, WAIT,
                        () -> "push counts " + total + " sent: " + push.statistics());
                Await.until(() -> pull.statistics().messagesIn() >= received.size(), WAIT,
                        () -> "pull counts " + received.size() + " received: " + pull.statistics());
                SocketStatistics out = push.statistics();
                SocketStatistics in = pull.statistics();
                long lost = total - received.size();
                System.out.printf("push/pull under %d cuts: %d sent, %d received, %d lost on the wire, %d relayed connections, %d ms; push %s; pull %s%n",
                        CUTS, total, received.size(), lost, relay.accepted(), millis, out, in);
                assertThat(out.messagesDropped()).as("PUSH never drops").isZero();
                assertThat(out.messagesOut() + out.queuedOut()).as("sent = written + queued").isEqualTo(total);
                assertThat(in.queuedIn()).isZero();
                assertThat(in.messagesIn()).as("counted in = received").isEqualTo(received.size());
                assertThat(out.messagesOut() - in.messagesIn()).as("written, not received: lost with a cut connection").isEqualTo(lost);
            } finally {
                stop.set(true);
                sender.join(WAIT.toMillis());
            }
        }
    }

    @Test
    void messagesQueuedForABoundPeerThatDiesAreCountedAsDropped() throws Exception {
        // The PUSH binds, so each connection has a pipe of its own, which dies with it.
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.SNDHWM, 20);
            push.set(Option.LINGER, Duration.ZERO);
            pull.set(Option.RCVHWM, 5);
            pull.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
            String ep = push.bind("tcp://127.0.0.1:*");
            try (ChaosRelay relay = new ChaosRelay(ep);
                 Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
                 Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED))) {
                pull.connect(relay.endpoint());
                Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                // Nobody reads: the PULL pauses, the buffers on the way fill, then the PUSH's queue.
                byte[] body = new byte[64 * 1024];
                long sent = 0;
                while (push.send(body, Duration.ofMillis(300))) {
                    sent++;
                }
                assertThat(push.statistics().queuedOut()).isEqualTo(20);
                relay.cut();
                Events.await(pushEvents, SocketEvent.Type.DISCONNECTED);
                AtomicLong delivered = new AtomicLong();
                drainUntilDisconnected(pull, pullEvents, m -> delivered.incrementAndGet(), () -> "pull " + pull.statistics());
                long received = delivered.get();
                SocketStatistics out = push.statistics();
                SocketStatistics in = pull.statistics();
                System.out.printf("bound push, peer cut while %d queued: %d sent, %d received; push %s; pull %s%n",
                        20, sent, received, out, in);
                assertThat(out.queuedOut()).isZero();
                assertThat(out.messagesOut() + out.messagesDropped()).as("sent = written + dropped with the peer").isEqualTo(sent);
                assertThat(out.messagesDropped()).as("the queued ones").isPositive().isLessThanOrEqualTo(20);
                assertThat(in.messagesIn()).isEqualTo(received);
            }
        }
    }

    /**
     * Receives until the monitor (of DISCONNECTED only) reports the connection's end, then takes
     * what is left. Reading matters: a connection paused at RCVHWM reads nothing, so it sees its
     * end only after the messages before it were taken (as in libzmq).
     */
    private static void drainUntilDisconnected(Socket pull, Monitor disconnects, Consumer<Message> into, Supplier<String> state) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (disconnects.poll() == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no DISCONNECTED within " + WAIT + ": " + state.get());
            }
            Message m = pull.receive(Duration.ofMillis(5));
            if (m != null) {
                into.accept(m);
            }
        }
        for (Message m; (m = pull.tryReceive()) != null; ) {
            into.accept(m);
        }
    }

    /**
     * The next message; if none comes within {@link #WAIT}, fails saying what the PUSH went through
     * since the last cut (connects, retries, handshakes), to tell a reconnect that never came from a
     * connection that came and carried nothing, and where the relay and both sockets' counters are.
     */
    private static Message receiveOrExplain(Socket pull, String where, Socket push, PushLog pushEvents, ChaosRelay relay,
                                            List<Long> received, AtomicLong sent) {
        Message m = pull.receive(WAIT);
        if (m != null) {
            return m;
        }
        throw new AssertionError(where + ": no message within " + WAIT + "; relay: " + relay.open() + " open, "
                + relay.accepted() + " accepted, " + relay.refused() + " refused, the last open one relayed "
                + relay.bytesRead(ChaosRelay.Direction.UPSTREAM) + " bytes up and " + relay.bytesRead(ChaosRelay.Direction.DOWNSTREAM)
                + " down; received " + received.size() + ", sent " + sent.get() + "; push " + push.statistics() + "; pull "
                + pull.statistics() + "; push events " + pushEvents);
    }

    /**
     * The PUSH's monitor events since the last cut (connects, retries, handshakes): what a failure's
     * message shows, to tell a reconnect that never came from a connection that came and carried
     * nothing.
     */
    private static final class PushLog {
        private final Monitor monitor;
        private final List<String> sinceCut = new ArrayList<>();
        private boolean disconnected;

        PushLog(Monitor monitor) {
            this.monitor = monitor;
        }

        /** A cut is coming: forget what came before it. */
        void clear() {
            poll();
            sinceCut.clear();
            disconnected = false;
        }

        /** Waits until the PUSH has reported the cut connection's end. */
        void awaitDisconnected(Supplier<String> state) {
            Await.until(() -> {
                poll();
                return disconnected;
            }, WAIT, () -> "no DISCONNECTED from the PUSH: " + state.get());
        }

        private void poll() {
            for (SocketEvent e; (e = monitor.poll()) != null; ) {
                add(e);
            }
        }

        private void add(SocketEvent e) {
            disconnected |= e.type() == SocketEvent.Type.DISCONNECTED;
            sinceCut.add(e.type() + (e.reason() == null ? "" : " (" + e.reason() + ")"));
        }

        @Override
        public String toString() {
            poll();
            return sinceCut.toString();
        }
    }

    private static long seq(Message m) {
        assertThat(m).as("a message within " + WAIT).isNotNull();
        assertThat(m.size()).isEqualTo(1);
        return ByteBuffer.wrap(m.first().toByteArray()).getLong();
    }

    /** Strictly rising from 0; each gap right after a connection's last message. */
    private static void assertRisingAndLosingOnlyTails(List<Long> received, List<Integer> lastOfConnection) {
        assertThat(received.get(0)).isZero();
        Set<Integer> ends = new HashSet<>(lastOfConnection);
        int gaps = 0;
        for (int i = 1; i < received.size(); i++) {
            long prev = received.get(i - 1);
            long m = received.get(i);
            assertThat(m).as("message %d after %d: no duplicate, no reordering", i, prev).isGreaterThan(prev);
            if (m != prev + 1) {
                gaps++;
                assertThat(ends).as("messages %d..%d lost in the middle of a connection", prev + 1, m - 1).contains(i - 1);
            }
        }
        assertThat(gaps).isLessThanOrEqualTo(lastOfConnection.size());
    }
}
