package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sockets used from several threads: interrupts, closes from elsewhere, concurrent senders, virtual threads. */
@Timeout(60)
class ThreadingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void interruptedReceiveThrowsKeepsTheFlagAndLeavesTheSocketUsable() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flagSet = new AtomicReference<>();
            AtomicReference<Message> afterwards = new AtomicReference<>();
            CountDownLatch interrupted = new CountDownLatch(1);
            Thread t = new Thread(() -> {
                try {
                    pull.receive();
                } catch (Throwable e) {
                    thrown.set(e);
                    flagSet.set(Thread.currentThread().isInterrupted());
                }
                Thread.interrupted();
                interrupted.countDown();
                afterwards.set(pull.receive(WAIT));
            }, "receiver");
            t.start();
            Await.blocked(t, WAIT);
            t.interrupt();
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(thrown.get()).isInstanceOf(ZmqException.InterruptedException.class);
            assertThat(flagSet.get()).as("interrupt flag set when the exception arrives").isTrue();

            push.send("to the same thread");
            t.join(WAIT.toMillis());
            assertThat(afterwards.get()).isNotNull();
            assertThat(afterwards.get().toStrings()).containsExactly("to the same thread");

            push.send("to another thread");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("to another thread");
        }
    }

    @Test
    void interruptedSendThrowsAndTheSocketStillSends() throws Exception {
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            CompletableFuture<Object> blocked = new CompletableFuture<>();
            // No peer at all: send waits.
            Thread t = new Thread(() -> complete(blocked, () -> push.send("waiting")), "sender");
            t.start();
            Await.blocked(t, WAIT);
            t.interrupt();
            assertThat(blocked).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOf(ZmqException.InterruptedException.class);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("afterwards");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("afterwards");
        }
    }

    @Test
    void closingTheSocketWakesABlockedReceiverWithSocketClosed() {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind("tcp://127.0.0.1:*");
            CompletableFuture<Object> blocked = new CompletableFuture<>();
            Thread t = new Thread(() -> complete(blocked, pull::receive), "receiver");
            t.start();
            Await.blocked(t, WAIT);
            pull.close();
            assertThat(blocked).failsWithin(WAIT).withThrowableThat().havingCause()
                    .isInstanceOf(ZmqException.SocketClosedException.class);
        }
    }

    @Test
    void closingTheContextWakesABlockedReceiverWithContextClosed() {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        CompletableFuture<Object> blocked = new CompletableFuture<>();
        Thread t = new Thread(() -> complete(blocked, pull::receive), "receiver");
        t.start();
        Await.blocked(t, WAIT);
        ctx.close();
        assertThat(blocked).failsWithin(WAIT).withThrowableThat().havingCause()
                .isInstanceOf(ZmqException.ContextClosedException.class);
    }

    @Test
    void concurrentSendersNeverInterleaveFramesOfAMessage() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                String id = "t" + t;
                Thread s = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            push.send(Message.of(id, Integer.toString(i), "x".repeat(i % 50), id + "/" + i));
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }, "sender-" + t);
                s.start();
                senders.add(s);
            }
            start.countDown();
            int[] next = new int[threads];
            for (int n = 0; n < threads * perThread; n++) {
                Message m = pull.receive(WAIT);
                assertThat(m).as("message %d", n).isNotNull();
                assertThat(m.size()).isEqualTo(4);
                List<String> f = m.toStrings();
                int t = Integer.parseInt(f.get(0).substring(1));
                int i = Integer.parseInt(f.get(1));
                assertThat(i).as("order of sender %d", t).isEqualTo(next[t]++);
                assertThat(f.get(2)).isEqualTo("x".repeat(i % 50));
                assertThat(f.get(3)).isEqualTo(f.get(0) + "/" + i);
            }
            for (Thread s : senders) {
                s.join(WAIT.toMillis());
            }
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void blockingReceiveOnManyVirtualThreadsDoesNotPinCarriers() throws Exception {
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            assumeTrue(false, "virtual threads need Java 21+ (running " + Runtime.version() + ")");
            return;
        }
        Object builder = ofVirtual.invoke(null);
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        // Far more blocked receivers than carrier threads: pinned carriers would starve the rest.
        int count = Math.max(32, 8 * Runtime.getRuntime().availableProcessors());
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            List<Socket> pulls = new ArrayList<>();
            List<Thread> receivers = new ArrayList<>();
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Socket pull = ctx.socket(SocketType.PULL);
                pulls.add(pull);
                push.connect(pull.bind("tcp://127.0.0.1:*"));
                CompletableFuture<Object> r = new CompletableFuture<>();
                results.add(r);
                Thread t = (Thread) unstarted.invoke(builder, (Runnable) () -> complete(r, () -> pull.receive().toStrings()));
                receivers.add(t);
                t.start();
            }
            for (Thread t : receivers) {
                Await.blocked(t, WAIT);
            }
            // PUSH round-robins over its pipes in connect order: one message per PULL.
            for (int i = 0; i < count; i++) {
                push.send("to " + i);
            }
            for (int i = 0; i < count; i++) {
                assertThat(results.get(i)).succeedsWithin(WAIT).isEqualTo(List.of("to " + i));
            }
        }
    }

    private static void complete(CompletableFuture<Object> f, java.util.concurrent.Callable<Object> call) {
        try {
            f.complete(call.call());
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
    }
}
