package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket.onClose: actions run once, after the close, on the closing thread, whatever the order of calls. */
@Timeout(60)
class SocketCloseActionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void actionsRunOnceInOrderOnTheClosingThreadWithTheStatisticsFinal() {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(pull.bind("inproc://close-actions"));
            assertThat(push.send("one", WAIT)).isTrue();
            assertThat(pull.receiveString()).isEqualTo("one");
            List<String> ran = new CopyOnWriteArrayList<>();
            AtomicReference<Thread> runner = new AtomicReference<>();
            pull.onClose(() -> {
                runner.set(Thread.currentThread());
                ran.add("first: closed=" + pull.isClosed() + " in=" + pull.statistics().messagesIn());
            });
            pull.onClose(() -> ran.add("second"));
            assertThat(ran).isEmpty();
            pull.close();
            assertThat(ran).containsExactly("first: closed=true in=1", "second");
            assertThat(runner.get()).isSameAs(Thread.currentThread());
            pull.close();
            assertThat(ran).hasSize(2);
        }
    }

    @Test
    void anActionAddedAfterTheCloseRunsAtOnce() {
        try (Context ctx = new Context()) {
            Socket rep = ctx.socket(SocketType.REP);
            rep.close();
            AtomicInteger runs = new AtomicInteger();
            rep.onClose(runs::incrementAndGet);
            assertThat(runs).hasValue(1);
            assertThat(rep.removeOnClose(runs::incrementAndGet)).isFalse();
        }
    }

    @Test
    void aRemovedActionDoesNotRun() {
        try (Context ctx = new Context()) {
            Socket dealer = ctx.socket(SocketType.DEALER);
            AtomicInteger runs = new AtomicInteger();
            Runnable action = runs::incrementAndGet;
            Runnable kept = runs::incrementAndGet;
            dealer.onClose(action);
            dealer.onClose(kept);
            assertThat(dealer.removeOnClose(action)).isTrue();
            assertThat(dealer.removeOnClose(action)).isFalse();
            dealer.close();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void closingTheContextRunsTheActionsOfItsSockets() {
        AtomicInteger runs = new AtomicInteger();
        Context ctx = new Context();
        ctx.socket(SocketType.PUB).onClose(runs::incrementAndGet);
        ctx.socket(SocketType.SUB).onClose(runs::incrementAndGet);
        ctx.close();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aFailingActionIsLoggedAndTheOthersStillRun() {
        try (Context ctx = new Context()) {
            Socket pair = ctx.socket(SocketType.PAIR);
            AtomicInteger runs = new AtomicInteger();
            pair.onClose(() -> {
                throw new IllegalStateException("expected by the test");
            });
            pair.onClose(runs::incrementAndGet);
            pair.close();
            assertThat(pair.isClosed()).isTrue();
            assertThat(runs).hasValue(1);
            assertThatThrownBy(() -> pair.onClose(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void anActionAddedWhileAnotherThreadClosesRunsExactlyOnce() throws Exception {
        try (Context ctx = new Context()) {
            for (int round = 0; round < 200; round++) {
                Socket push = ctx.socket(SocketType.PUSH);
                AtomicInteger runs = new AtomicInteger();
                CountDownLatch start = new CountDownLatch(1);
                Thread closer = new Thread(() -> {
                    awaitQuietly(start);
                    push.close();
                });
                closer.start();
                start.countDown();
                push.onClose(runs::incrementAndGet);
                closer.join(WAIT.toMillis());
                assertThat(closer.isAlive()).isFalse();
                assertThat(runs).as("round %d", round).hasValue(1);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
