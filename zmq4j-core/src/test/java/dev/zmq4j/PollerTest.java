package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Poller.Event;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Poller: readiness per socket type, timeouts, wake-ups, threads, closed sockets, many sockets. */
@Timeout(60)
class PollerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void reportsReadableExactlyTheSocketsThatHaveMessages() {
        try (Context ctx = new Context(); Poller poller = new Poller()) {
            List<Socket> pulls = new ArrayList<>();
            List<Socket> pushes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket pull = ctx.socket(SocketType.PULL);
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(pull.bind("tcp://127.0.0.1:*"));
                pulls.add(pull);
                pushes.add(push);
                poller.register(pull, Event.READABLE);
            }
            pushes.get(0).send("to 0");
            pushes.get(2).send(Message.of("to", "2"));

            Set<Integer> seen = new HashSet<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                int n = poller.poll(WAIT);
                assertThat(n).isEqualTo(poller.readySockets().size());
                for (int i = 0; i < 3; i++) {
                    if (poller.isReadable(pulls.get(i))) {
                        seen.add(i);
                    }
                }
            }
            assertThat(seen).containsExactlyInAnyOrder(0, 2);
            assertThat(poller.isReadable(pulls.get(1))).isFalse();
            assertThat(pulls.get(0).tryReceive().toStrings()).containsExactly("to 0");
            assertThat(pulls.get(2).tryReceive().toStrings()).containsExactly("to", "2");
            assertThat(poller.pollNow()).as("nothing left to read").isZero();
            assertThat(poller.isReadable(pulls.get(0))).isFalse();
        }
    }

    @Test
    void pushIsWritableOnlyWhileAPeerHasRoom() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Poller poller = new Poller()) {
            push.set(Option.SNDHWM, 2);
            push.set(Option.LINGER, Duration.ZERO);
            poller.register(push, Event.WRITABLE);
            assertThat(poller.pollNow()).as("no peer yet").isZero();

            // Nobody listens there: the pipe exists at once and nothing drains it.
            push.connect(FreePort.endpoint());
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(push)).isTrue();
            assertThat(push.trySend("one")).isTrue();
            assertThat(poller.pollNow()).isEqualTo(1);
            assertThat(push.trySend("two")).isTrue();
            assertThat(poller.pollNow()).as("at SNDHWM").isZero();
            assertThat(poller.isWritable(push)).isFalse();
            assertThat(push.trySend("three")).isFalse();
        }
    }

    @Test
    void becomesWritableWhenThePeerDrainsAFullQueue() throws Exception {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.set(Option.SNDHWM, 1);
            String ep = FreePort.endpoint();
            push.connect(ep);
            poller.register(push, Event.WRITABLE);
            while (push.trySend("fill")) {
                // the pipe takes one message, then refuses
            }
            assertThat(poller.pollNow()).isZero();
            try (Socket pull = ctx.socket(SocketType.PULL)) {
                pull.bind(ep);
                assertThat(poller.poll(WAIT)).as("the connection drained the queue").isEqualTo(1);
                assertThat(poller.isWritable(push)).isTrue();
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("fill");
            }
        }
    }

    @Test
    void readableAndWritableTogetherOnPair() {
        try (Context ctx = new Context();
             Socket a = ctx.socket(SocketType.PAIR);
             Socket b = ctx.socket(SocketType.PAIR);
             Poller poller = new Poller()) {
            b.connect(a.bind("tcp://127.0.0.1:*"));
            poller.register(a, EnumSet.of(Event.READABLE, Event.WRITABLE));
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(a)).isTrue();
            b.send("hello");
            Await.until(() -> poller.pollNow() == 1 && poller.isReadable(a), WAIT, "PAIR readable");
            assertThat(poller.isWritable(a)).isTrue();
            assertThat(a.receiveString()).isEqualTo("hello");
        }
    }

    @Test
    void pollTimesOutWithZeroAfterTheTimeout() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Event.READABLE);
            long start = System.nanoTime();
            assertThat(poller.poll(Duration.ofMillis(200))).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(poller.isReadable(pull)).isFalse();
        }
    }

    @Test
    void pollNowNeverWaits() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Event.READABLE);
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                assertThat(poller.pollNow()).isZero();
            }
            assertThat(poller.poll(Duration.ZERO)).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void emptyPollerTimesOut() {
        try (Poller poller = new Poller()) {
            assertThat(poller.pollNow()).isZero();
            assertThat(poller.poll(Duration.ofMillis(50))).isZero();
        }
    }

    @Test
    void wakesUpWhenAMessageArrivesWhileAnotherThreadPolls() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            poller.register(pull, Event.READABLE);
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread t = new Thread(() -> complete(result, () -> poller.poll(Option.FOREVER)), "poller");
            t.start();
            Await.blocked(t, WAIT);
            push.send("wake up");
            assertThat(result).succeedsWithin(WAIT).isEqualTo(1);
            assertThat(poller.isReadable(pull)).isTrue();
            assertThat(pull.tryReceive().toStrings()).containsExactly("wake up");
        }
    }

    @Test
    void aSocketRegisteredWhileAnotherThreadPollsIsChecked() throws Exception {
        try (Context ctx = new Context();
             Socket idle = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            idle.bind("tcp://127.0.0.1:*");
            poller.register(idle, Event.READABLE);
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread t = new Thread(() -> complete(result, () -> poller.poll(Option.FOREVER)), "poller");
            t.start();
            Await.blocked(t, WAIT);
            push.connect(FreePort.endpoint());
            poller.register(push, Event.WRITABLE);
            assertThat(result).succeedsWithin(WAIT).isEqualTo(1);
            assertThat(poller.isWritable(push)).isTrue();
        }
    }

    @Test
    void reqIsReadableOnlyWithItsReplyAndWritableOnlyInItsSendState() {
        try (Context ctx = new Context();
             Socket req = ctx.socket(SocketType.REQ);
             Socket rep = ctx.socket(SocketType.REP);
             Poller poller = new Poller()) {
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            poller.register(req, Event.READABLE, Event.WRITABLE);
            poller.register(rep, Event.READABLE, Event.WRITABLE);

            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(req)).isTrue();
            assertThat(poller.isReadable(req)).isFalse();
            assertThat(poller.isWritable(rep)).as("REP before a request").isFalse();

            req.send("ping");
            Await.until(() -> poller.pollNow() > 0 && poller.isReadable(rep), WAIT, "REP readable");
            assertThat(poller.isWritable(rep)).as("REP holding an unread request").isFalse();
            assertThat(poller.isWritable(req)).as("REQ waiting for its reply").isFalse();
            assertThatThrownBy(() -> rep.send("too early")).isInstanceOf(IllegalStateException.class);

            assertThat(rep.receiveString()).isEqualTo("ping");
            assertThat(poller.pollNow()).isEqualTo(1);
            assertThat(poller.isWritable(rep)).as("REP owes a reply").isTrue();
            assertThat(poller.isReadable(rep)).isFalse();

            rep.send("pong");
            Await.until(() -> poller.pollNow() > 0 && poller.isReadable(req), WAIT, "REQ readable");
            assertThat(poller.isWritable(req)).as("REQ holding an unread reply").isFalse();
            assertThat(poller.isReadable(rep)).isFalse();
            assertThat(poller.isWritable(rep)).isFalse();
            assertThatThrownBy(() -> req.send("too early")).isInstanceOf(IllegalStateException.class);

            assertThat(req.receiveString()).isEqualTo("pong");
            assertThat(poller.pollNow()).isEqualTo(1);
            assertThat(poller.isWritable(req)).isTrue();
            assertThat(poller.isReadable(req)).isFalse();
        }
    }

    @Test
    void aStateChangeByADirectCallIsSeenWithoutAnyNetworkEvent() {
        try (Context ctx = new Context();
             Socket req = ctx.socket(SocketType.REQ);
             Socket rep = ctx.socket(SocketType.REP);
             Poller poller = new Poller()) {
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            poller.register(rep, Event.WRITABLE);
            assertThat(poller.pollNow()).isZero();
            req.send("request");
            // Received without the poller: REP now owes a reply, which makes it writable.
            assertThat(rep.receive(WAIT).toStrings()).containsExactly("request");
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(rep)).isTrue();
        }
    }

    @Test
    void aPolledMultipartMessageIsReadFrameByFrame() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            poller.register(pull, Event.READABLE);
            push.send(Message.of("a", "b", "c"));
            push.send("d");
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(new String(pull.receiveBytes())).isEqualTo("a");
            assertThat(pull.hasReceiveMore()).isTrue();
            assertThat(poller.pollNow()).as("the rest of the message").isEqualTo(1);
            assertThat(new String(pull.receiveBytes())).isEqualTo("b");
            assertThat(new String(pull.receiveBytes())).isEqualTo("c");
            assertThat(pull.hasReceiveMore()).isFalse();
            Await.until(() -> poller.pollNow() == 1, WAIT, "second message readable");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("d");
            assertThat(pull.hasReceiveMore()).isFalse();
        }
    }

    @Test
    void interruptEndsABlockedPollAndKeepsTheFlag() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Poller poller = new Poller()) {
            pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Event.READABLE);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    poller.poll(Option.FOREVER);
                } catch (Throwable e) {
                    thrown.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
                done.countDown();
            }, "poller");
            t.start();
            Await.blocked(t, WAIT);
            t.interrupt();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(thrown.get()).isInstanceOf(ZmqException.InterruptedException.class);
            assertThat(flag.get()).isTrue();
            assertThat(poller.pollNow()).as("the poller stays usable").isZero();
        }
    }

    @Test
    void closingARegisteredSocketEndsABlockedPollWithSocketClosed() throws Exception {
        try (Context ctx = new Context(); Poller poller = new Poller()) {
            Socket pull = ctx.socket(SocketType.PULL);
            Socket other = ctx.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Event.READABLE);
            poller.register(other, Event.READABLE);
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread t = new Thread(() -> complete(result, () -> poller.poll(Option.FOREVER)), "poller");
            t.start();
            Await.blocked(t, WAIT);
            pull.close();
            assertThat(result).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(ZmqException.SocketClosedException.class);
            assertThatThrownBy(poller::pollNow).as("until unregistered").isInstanceOf(ZmqException.SocketClosedException.class);
            poller.unregister(pull);
            assertThat(poller.pollNow()).isZero();
            assertThatThrownBy(() -> poller.register(pull, Event.READABLE)).isInstanceOf(ZmqException.SocketClosedException.class);
        }
    }

    @Test
    void closingTheContextEndsABlockedPollWithContextClosed() throws Exception {
        Context ctx = new Context();
        try (Poller poller = new Poller()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            poller.register(pull, Event.READABLE);
            CompletableFuture<Integer> result = new CompletableFuture<>();
            Thread t = new Thread(() -> complete(result, () -> poller.poll(Option.FOREVER)), "poller");
            t.start();
            Await.blocked(t, WAIT);
            ctx.close();
            assertThat(result).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(ZmqException.ContextClosedException.class);
        } finally {
            ctx.close();
        }
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            Poller poller = new Poller();
            assertThatThrownBy(() -> poller.isReadable(pull)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("registered");
            assertThatThrownBy(() -> poller.unregister(pull)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> poller.register(pull, Set.of())).isInstanceOf(IllegalArgumentException.class);
            poller.register(pull, Event.READABLE);
            poller.close();
            assertThat(poller.isRegistered(pull)).isFalse();
            assertThatThrownBy(poller::pollNow).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void unregisteredSocketIsNoLongerReported() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            poller.register(pull, Event.READABLE);
            push.send("x");
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            poller.unregister(pull);
            assertThat(poller.pollNow()).isZero();
            assertThat(poller.size()).isZero();
            assertThat(pull.receive(WAIT).toStrings()).as("the polled message is still delivered").containsExactly("x");
        }
    }

    @Test
    void aThousandIdleRegistrationsDoNotSlowPolling() {
        int count = 1000;
        try (Context ctx = new Context(); Poller poller = new Poller()) {
            List<Socket> pulls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Socket pull = ctx.socket(SocketType.PULL);
                pull.set(Option.LINGER, Duration.ZERO);
                pull.bind("tcp://127.0.0.1:*");
                pulls.add(pull);
                poller.register(pull, Event.READABLE);
            }
            assertThat(poller.pollNow()).isZero();
            int[] targets = {7, 500, 999};
            List<Socket> pushes = new ArrayList<>();
            for (int target : targets) {
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(pulls.get(target).lastEndpoint());
                pushes.add(push);
            }
            // Each round: one message to each target, then poll until all three were read.
            long start = System.nanoTime();
            int rounds = 200;
            for (int round = 0; round < rounds; round++) {
                for (Socket push : pushes) {
                    push.send("round " + round);
                }
                int read = 0;
                while (read < targets.length) {
                    assertThat(poller.poll(WAIT)).isPositive();
                    for (Socket s : poller.readySockets()) {
                        assertThat(s).isIn(pulls.get(7), pulls.get(500), pulls.get(999));
                        assertThat(s.tryReceive().toStrings()).containsExactly("round " + round);
                        read++;
                    }
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // Each poll re-checks at most the three signalled sockets; 600 messages take milliseconds.
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            // A scan of every registration would make these 100 million socket checks (seconds);
            // re-checking only what signalled makes each poll a few field reads.
            long idleStart = System.nanoTime();
            int found = 0;
            for (int i = 0; i < 100_000; i++) {
                found += poller.pollNow();
            }
            assertThat(found).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - idleStart))
                    .as("100,000 polls over 1,000 idle sockets").isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void pollsOnManyVirtualThreadsDoNotPinCarriers() throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need Java 21+ (running " + Runtime.version() + ")");
            return;
        }
        Object builder = ofVirtual.invoke(null);
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        int count = Math.max(32, 8 * Runtime.getRuntime().availableProcessors());
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            List<Thread> threads = new ArrayList<>();
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Socket pull = ctx.socket(SocketType.PULL);
                push.connect(pull.bind("tcp://127.0.0.1:*"));
                CompletableFuture<Object> r = new CompletableFuture<>();
                results.add(r);
                Thread t = (Thread) unstarted.invoke(builder, (Runnable) () -> complete(r, () -> {
                    try (Poller poller = new Poller()) {
                        poller.register(pull, Event.READABLE);
                        int n = poller.poll(Option.FOREVER);
                        return n + ":" + pull.tryReceive().toStrings();
                    }
                }));
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                Await.blocked(t, WAIT);
            }
            for (int i = 0; i < count; i++) {
                push.send("to " + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(results.get(i)).succeedsWithin(WAIT).isEqualTo("1:[to " + i + "]");
            }
        }
    }

    private static <T> void complete(CompletableFuture<T> f, java.util.concurrent.Callable<T> call) {
        try {
            f.complete(call.call());
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
    }
}
