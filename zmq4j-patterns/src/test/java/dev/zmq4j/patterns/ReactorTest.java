package dev.zmq4j.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ReactorTest {
    private static final long WAIT_S = 10;

    private Context context;
    private Reactor reactor;

    @BeforeEach
    void setUp() {
        context = new Context();
        reactor = new Reactor(context);
    }

    @AfterEach
    void tearDown() {
        reactor.close();
        context.close();
    }

    private Socket[] pushPull() {
        String endpoint = "inproc://reactor-test." + UUID.randomUUID();
        Socket pull = context.socket(SocketType.PULL);
        pull.bind(endpoint);
        Socket push = context.socket(SocketType.PUSH);
        push.connect(endpoint);
        return new Socket[] {push, pull};
    }

    @Test
    void runsTimersInDeadlineOrderThenCreationOrder() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        reactor.once(Duration.ofMillis(300), () -> {
            order.add("300");
            done.countDown();
        });
        reactor.once(Duration.ofMillis(100), () -> order.add("100a"));
        reactor.once(Duration.ofMillis(200), () -> order.add("200"));
        reactor.once(Duration.ZERO, () -> order.add("0"));
        reactor.start();
        assertThat(done.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("0", "100a", "200", "300");
    }

    @Test
    void timersDueAtOnceRunInCreationOrder() throws Exception {
        List<Integer> order = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 20; i++) {
            int n = i;
            reactor.once(Duration.ZERO, () -> order.add(n));
        }
        reactor.once(Duration.ZERO, done::countDown);
        reactor.start();
        assertThat(done.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19);
    }

    @Test
    void timerRunsNotBeforeItsDelayAndWithinASecondAfter() throws Exception {
        reactor.start();
        Duration delay = Duration.ofMillis(200);
        CompletableFuture<Long> ranAt = new CompletableFuture<>();
        long scheduledAt = System.nanoTime();
        reactor.once(delay, () -> ranAt.complete(System.nanoTime()));
        long elapsed = ranAt.get(WAIT_S, TimeUnit.SECONDS) - scheduledAt;
        assertThat(elapsed).isGreaterThanOrEqualTo(delay.toNanos());
        assertThat(elapsed).isLessThan(delay.plusSeconds(1).toNanos());
    }

    @Test
    void repeatingTimerRepeatsUntilCancelled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        Reactor.Timer[] timer = new Reactor.Timer[1];
        timer[0] = reactor.every(Duration.ofMillis(20), () -> {
            if (runs.incrementAndGet() == 3) {
                timer[0].cancel();
            }
            three.countDown();
        });
        reactor.start();
        assertThat(three.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        // A later timer runs after the cancelled one would have run twice more.
        CountDownLatch later = new CountDownLatch(1);
        reactor.once(Duration.ofMillis(100), later::countDown);
        assertThat(later.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isEqualTo(3);
        assertThat(timer[0].isCancelled()).isTrue();
    }

    @Test
    void cancelledTimerNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        reactor.once(Duration.ofMillis(50), runs::incrementAndGet).cancel();
        CountDownLatch after = new CountDownLatch(1);
        reactor.once(Duration.ofMillis(150), after::countDown);
        reactor.start();
        assertThat(after.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isZero();
    }

    @Test
    void dispatchesReadableSocketRegisteredFromAnotherThread() throws Exception {
        Socket[] pair = pushPull();
        reactor.start();
        List<String> received = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        reactor.register(pair[1], socket -> {
            Message m;
            while ((m = socket.tryReceive()) != null) {
                received.add(m.toStrings().get(0));
                three.countDown();
            }
            return true;
        });
        pair[0].send("a");
        pair[0].send("b");
        pair[0].send("c");
        assertThat(three.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(received).containsExactly("a", "b", "c");
    }

    @Test
    void unregisteredSocketIsNoLongerDispatched() throws Exception {
        Socket[] pair = pushPull();
        AtomicInteger calls = new AtomicInteger();
        reactor.register(pair[1], socket -> {
            calls.incrementAndGet();
            socket.tryReceive();
            return true;
        });
        reactor.start();
        pair[0].send("one");
        Await.until(() -> calls.get() == 1, Duration.ofSeconds(WAIT_S), "first message handled");
        reactor.unregister(pair[1]);
        // Once a timer queued after the unregistration has run, the change has been applied.
        CountDownLatch applied = new CountDownLatch(1);
        reactor.once(Duration.ZERO, applied::countDown);
        assertThat(applied.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        pair[0].send("two");
        assertThat(pair[1].receive(Duration.ofSeconds(WAIT_S)).toStrings()).containsExactly("two");
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void handlerExceptionDoesNotEndTheLoop() throws Exception {
        Socket[] pair = pushPull();
        CountDownLatch second = new CountDownLatch(1);
        reactor.register(pair[1], socket -> {
            String text = socket.tryReceive().toStrings().get(0);
            if (text.equals("boom")) {
                throw new IllegalStateException("test: handler fails on purpose");
            }
            second.countDown();
            return true;
        });
        CountDownLatch timerAfterFailure = new CountDownLatch(1);
        reactor.once(Duration.ZERO, () -> {
            throw new IllegalStateException("test: timer fails on purpose");
        });
        reactor.start();
        pair[0].send("boom");
        pair[0].send("fine");
        assertThat(second.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        reactor.once(Duration.ZERO, timerAfterFailure::countDown);
        assertThat(timerAfterFailure.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        assertThat(reactor.isClosed()).isFalse();
    }

    @Test
    void errorPolicyEndsTheLoopOnAHandlerFailure() throws Exception {
        Socket[] pair = pushPull();
        List<Object> sources = new CopyOnWriteArrayList<>();
        reactor.onError((source, failure) -> {
            sources.add(source);
            return !failure.getMessage().contains("stop");
        });
        AtomicInteger handled = new AtomicInteger();
        reactor.register(pair[1], socket -> {
            handled.incrementAndGet();
            throw new IllegalStateException("test: " + socket.tryReceive().toStrings().get(0));
        });
        Thread loop = reactor.start();
        pair[0].send("go on");
        pair[0].send("stop");
        loop.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertThat(loop.isAlive()).isFalse();
        assertThat(reactor.isClosed()).isTrue();
        assertThat(handled.get()).isEqualTo(2);
        assertThat(sources).containsExactly(pair[1], pair[1]);
    }

    @Test
    void errorPolicyEndsTheLoopOnATimerFailure() throws Exception {
        List<Object> sources = new CopyOnWriteArrayList<>();
        reactor.onError((source, failure) -> {
            sources.add(source);
            return false;
        });
        AtomicInteger later = new AtomicInteger();
        Reactor.Timer failing = reactor.once(Duration.ZERO, () -> {
            throw new IllegalStateException("test: timer fails on purpose");
        });
        reactor.once(Duration.ofMillis(50), later::incrementAndGet);
        Thread loop = reactor.start();
        loop.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertThat(loop.isAlive()).isFalse();
        assertThat(sources).containsExactly(failing);
        assertThat(later.get()).isZero();
    }

    @Test
    void handlerReturningFalseEndsTheLoop() throws Exception {
        Socket[] pair = pushPull();
        reactor.register(pair[1], socket -> {
            socket.tryReceive();
            return false;
        });
        CompletableFuture<Void> ended = CompletableFuture.runAsync(reactor::run);
        pair[0].send("stop");
        ended.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(reactor.isClosed()).isTrue();
    }

    @Test
    void closeEndsAnIdleLoopPromptly() throws Exception {
        CompletableFuture<Void> ended = CompletableFuture.runAsync(reactor::run);
        CountDownLatch running = new CountDownLatch(1);
        reactor.once(Duration.ZERO, running::countDown);
        assertThat(running.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        reactor.close();
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(1).toNanos());
        ended.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(reactor.isClosed()).isTrue();
    }

    @Test
    void closeReturnsWithinItsBoundWhileAHandlerIsStuck() throws Exception {
        CountDownLatch inTimer = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        reactor.once(Duration.ZERO, () -> {
            inTimer.countDown();
            try {
                release.await(WAIT_S * 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread loop = reactor.start();
        assertThat(inTimer.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        reactor.close();
        long took = System.nanoTime() - start;
        assertThat(took).isLessThan(Reactor.CLOSE_WAIT.plusSeconds(1).toNanos());
        release.countDown();
        loop.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        assertThat(loop.isAlive()).isFalse();
    }

    @Test
    void closeFromAHandlerEndsTheLoop() throws Exception {
        reactor.once(Duration.ZERO, reactor::close);
        CompletableFuture<Void> ended = CompletableFuture.runAsync(reactor::run);
        ended.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(reactor.isClosed()).isTrue();
    }

    @Test
    void runsOnlyOnce() {
        reactor.close();
        assertThatThrownBy(reactor::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(reactor::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void startUsesAVirtualThreadOnJava21AndLater() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        reactor.once(Duration.ZERO, () -> thread.complete(Thread.currentThread()));
        Thread started = reactor.start();
        Thread ran = thread.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(ran).isSameAs(started);
        assertThat((boolean) Thread.class.getMethod("isVirtual").invoke(ran)).isTrue();
    }

    @Test
    void startUsesADaemonPlatformThreadBeforeJava21() throws Exception {
        assumeTrue(Runtime.version().feature() < 21, "Java 21+ uses a virtual thread");
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        reactor.once(Duration.ZERO, () -> thread.complete(Thread.currentThread()));
        Thread started = reactor.start();
        assertThat(thread.get(WAIT_S, TimeUnit.SECONDS)).isSameAs(started);
        assertThat(started.isDaemon()).isTrue();
    }
}
