package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing sockets and contexts: what closed things refuse, and how LINGER bounds a close. */
@Timeout(60)
class SocketLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void everyOperationOnAClosedSocketThrowsSocketClosed() {
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            Socket pull = ctx.socket(SocketType.PULL);
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            push.close();
            pull.close();
            assertThat(push.isClosed()).isTrue();
            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> push.send("x"), () -> push.send(Message.of("x")), () -> push.trySend(new byte[1]),
                    () -> push.send(new byte[1], WAIT), () -> push.sendMore("x"),
                    () -> pull.receive(), () -> pull.tryReceive(), () -> pull.receive(WAIT), () -> pull.receiveBytes(),
                    () -> push.bind("tcp://127.0.0.1:*"), () -> push.connect(ep), () -> push.disconnect(ep),
                    () -> pull.unbind(ep), () -> push.set(Option.SNDHWM, 5))) {
                assertThatThrownBy(call).isInstanceOf(ZmqException.SocketClosedException.class).hasMessageContaining("closed");
            }
            // The socket type's own refusals come after: a closed PUSH is closed, not unable to receive.
            assertThatThrownBy(push::receive).isInstanceOf(ZmqException.SocketClosedException.class);
            push.close();
            assertThat(ctx.isClosed()).isFalse();
        }
    }

    @Test
    void aContextSwitchesOffNettysAllocatorJfrEventsUnlessTheApplicationChose() {
        // Their registration cost the first message of each process ~150 ms (see Context).
        try (Context ctx = new Context()) {
            assertThat(ctx.isClosed()).isFalse();
            assertThat(System.getProperty("io.netty.jfr.enabled")).isEqualTo("false");
        }
    }

    @Test
    void closingAContextStopsItsIoThreads() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        Context ctx = new Context(2);
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("x");
        assertThat(pull.receiveString()).isEqualTo("x");
        List<Thread> ours = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().startsWith("zmq4j-io")) {
                ours.add(t);
            }
        }
        assertThat(ours).isNotEmpty().allMatch(Thread::isDaemon);
        ctx.close();
        Await.until(() -> ours.stream().noneMatch(Thread::isAlive), WAIT, () -> "I/O threads still alive: " + ours);
    }

    @Test
    void operationsOnASocketOfAClosedContextThrowContextClosed() {
        Context ctx = new Context();
        Socket push = ctx.socket(SocketType.PUSH);
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        ctx.close();
        assertThat(ctx.isClosed()).isTrue();
        assertThat(push.isClosed()).isTrue();
        assertThatThrownBy(() -> push.send("x")).isInstanceOf(ZmqException.ContextClosedException.class);
        assertThatThrownBy(() -> pull.receive(WAIT)).isInstanceOf(ZmqException.ContextClosedException.class);
        assertThatThrownBy(() -> push.connect("tcp://127.0.0.1:1")).isInstanceOf(ZmqException.ContextClosedException.class);
        assertThatThrownBy(() -> ctx.socket(SocketType.PULL)).isInstanceOf(ZmqException.ContextClosedException.class);
        ctx.close();
        push.close();
    }

    @Test
    void closedSocketReleasesItsPort() {
        try (Context ctx = new Context()) {
            Socket first = ctx.socket(SocketType.PULL);
            String ep = first.bind("tcp://127.0.0.1:*");
            first.close();
            try (Socket second = ctx.socket(SocketType.PULL)) {
                assertThat(second.bind(ep)).isEqualTo(ep);
            }
        }
    }

    @Test
    void lingerZeroCloseReturnsPromptlyWithUndeliverableMessages() {
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(FreePort.endpoint());
            for (int i = 0; i < 5; i++) {
                assertThat(push.trySend(Message.of("undeliverable " + i))).as("queued for the absent peer").isTrue();
            }
            push.set(Option.LINGER, Duration.ZERO);
            long start = System.nanoTime();
            push.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void lingerBoundsTheCloseOfUndeliverableMessages() {
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(FreePort.endpoint());
            assertThat(push.trySend(Message.of("undeliverable"))).isTrue();
            push.set(Option.LINGER, Duration.ofMillis(500));
            long start = System.nanoTime();
            push.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void closeWithDefaultLingerDeliversEverythingQueuedBeforeIt() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            Socket push = ctx.socket(SocketType.PUSH);
            push.connect(ep);
            for (int i = 0; i < 10_000; i++) {
                push.send("m" + i);
            }
            push.close();
            for (int i = 0; i < 10_000; i++) {
                Message m = pull.receive(WAIT);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(m.toStrings()).containsExactly("m" + i);
            }
        }
    }

    @Test
    void closeWithDefaultLingerDeliversLargeBacklogToABusyReader() throws Exception {
        int count = 2_000;
        byte[] body = new byte[16 * 1024];
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                while (n < count) {
                    Message m = pull.receive(WAIT);
                    if (m == null) {
                        break;
                    }
                    byte[] b = m.frame(0).toByteArray();
                    int seq = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
                    if (seq != n) {
                        throw new AssertionError("message " + seq + " (expected: " + n + ")");
                    }
                    n++;
                }
                return n;
            });
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                for (int i = 0; i < count; i++) {
                    byte[] b = body.clone();
                    b[0] = (byte) (i >>> 8);
                    b[1] = (byte) i;
                    push.send(b);
                }
            }
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(count);
        }
    }

    @Test
    void closeWithDefaultLingerWaitsForBytesAlreadyHandedToTheConnection() throws Exception {
        // Large frames leave the pipe at once and wait in the connection's write buffer: LINGER
        // must cover them too, not only what is still in the pipe.
        int count = 4;
        int size = 8 * 1024 * 1024;
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            CompletableFuture<Integer> received = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                for (Message m; n < count && (m = pull.receive(WAIT)) != null; n++) {
                    byte[] b = m.frame(0).toByteArray();
                    if (b.length != size || b[0] != n || b[size - 1] != n) {
                        throw new AssertionError("message " + n + ": " + b.length + " bytes, first " + b[0]);
                    }
                }
                return n;
            });
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                for (int i = 0; i < count; i++) {
                    byte[] b = new byte[size];
                    b[0] = (byte) i;
                    b[size - 1] = (byte) i;
                    push.send(b);
                }
            }
            assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(count);
        }
    }

    @Test
    void contextCloseWithLingerZeroAndUndeliverableMessagesReturnsQuickly() {
        Context ctx = new Context();
        List<Socket> sockets = new ArrayList<>();
        String absent = FreePort.endpoint();
        for (int i = 0; i < 3; i++) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(absent);
            assertThat(push.trySend(Message.of("undeliverable"))).isTrue();
            sockets.add(push);
        }
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        Socket rep = ctx.socket(SocketType.REP);
        Socket req = ctx.socket(SocketType.REQ);
        req.set(Option.LINGER, Duration.ZERO);
        req.connect(rep.bind("tcp://127.0.0.1:*"));
        assertThat(req.send(Message.of("unanswered"), WAIT)).isTrue();
        long start = System.nanoTime();
        ctx.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(sockets).allMatch(Socket::isClosed);
        assertThat(pull.isClosed()).isTrue();
        assertThat(req.isClosed()).isTrue();
    }

    @Test
    void contextCloseWithBlockedThreadsReturnsAndWakesThem() throws Exception {
        Context ctx = new Context();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        Socket push = ctx.socket(SocketType.PUSH);
        CompletableFuture<Object> receiver = new CompletableFuture<>();
        CompletableFuture<Object> sender = new CompletableFuture<>();
        Thread r = new Thread(() -> complete(receiver, pull::receive), "blocked-receiver");
        Thread s = new Thread(() -> complete(sender, () -> push.send("nowhere to go")), "blocked-sender");
        r.start();
        s.start();
        Await.blocked(r, WAIT);
        Await.blocked(s, WAIT);
        long start = System.nanoTime();
        ctx.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> receiver.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ZmqException.ContextClosedException.class);
        assertThatThrownBy(() -> sender.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ZmqException.ContextClosedException.class);
    }

    private static void complete(CompletableFuture<Object> f, java.util.concurrent.Callable<Object> call) {
        try {
            f.complete(call.call());
        } catch (Throwable t) {
            f.completeExceptionally(t);
        }
    }
}
