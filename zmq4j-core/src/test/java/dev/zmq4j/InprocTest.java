package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inproc:// transport: sockets of one context, messages passed by reference. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InprocTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration BRIEF = Duration.ofMillis(50);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private final Context ctx = new Context();

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private static String name() {
        return "inproc://test-" + NAMES.incrementAndGet();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    @Test
    void pairExchangesMessagesBothWays() {
        Socket a = socket(SocketType.PAIR);
        Socket b = socket(SocketType.PAIR);
        String ep = a.bind(name());
        b.connect(ep);
        assertThat(b.send("ping", WAIT)).isTrue();
        assertThat(a.receiveString()).isEqualTo("ping");
        assertThat(a.send("pong", WAIT)).isTrue();
        assertThat(b.receive(WAIT).toStrings()).containsExactly("pong");
    }

    @Test
    void bindReturnsTheEndpointAsWritten() {
        Socket a = socket(SocketType.PULL);
        String ep = name();
        assertThat(a.bind(ep)).isEqualTo(ep);
        assertThat(a.lastEndpoint()).isEqualTo(ep);
    }

    @Test
    void pushDeliversToPullInOrderFromAnotherThread() throws Exception {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind(name()));
        int n = 200_000;
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < n; i++) {
                push.send(Integer.toString(i));
            }
        });
        for (int i = 0; i < n; i++) {
            byte[] got = pull.receiveBytes(WAIT);
            assertThat(got).isNotNull();
            assertThat(new String(got)).isEqualTo(Integer.toString(i));
        }
        sender.get(30, TimeUnit.SECONDS);
    }

    @Test
    void messagesArePassedByReference() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind(name()));
        byte[] body = {1, 2, 3};
        push.send(body);
        assertThat(pull.receiveBytes(WAIT)).isSameAs(body);
    }

    @Test
    void reqRepRoundTripsCarryMultipartMessagesWhole() {
        Socket rep = socket(SocketType.REP);
        Socket req = socket(SocketType.REQ);
        req.connect(rep.bind(name()));
        for (int i = 0; i < 1000; i++) {
            req.sendMore("a" + i);
            req.sendMore("");
            assertThat(req.send("c", WAIT)).isTrue();
            assertThat(rep.receive(WAIT).toStrings()).containsExactly("a" + i, "", "c");
            assertThat(rep.send(Message.of("r" + i, "x"), WAIT)).isTrue();
            assertThat(req.receive(WAIT).toStrings()).containsExactly("r" + i, "x");
        }
    }

    @Test
    void connectBeforeBindQueuesMessagesThatArriveOnceBound() {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        String ep = name();
        push.connect(ep);
        assertThat(push.trySend("early 1")).isTrue();
        assertThat(push.trySend(Message.of("early", "2"))).isTrue();
        pull.bind(ep);
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("early 1");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("early", "2");
        push.send("late");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("late");
    }

    @Test
    void blockedReceiverIsWokenByASendFromAnotherThread() throws Exception {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind(name()));
        CompletableFuture<Message> got = new CompletableFuture<>();
        Thread receiver = new Thread(() -> got.complete(pull.receive(WAIT)));
        receiver.start();
        Await.blocked(receiver, WAIT);
        push.send("wake up");
        assertThat(got.get(20, TimeUnit.SECONDS).toStrings()).containsExactly("wake up");
    }

    @Test
    void receiveTimeoutsShorterAndLongerThanTheYieldBeforeParkingAreKept() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind(name()));
        // A receive on an in-process pipe yields for a moment before it parks; neither phase may
        // end a timed receive early.
        for (Duration timeout : new Duration[] {Duration.ofNanos(5_000), Duration.ofMillis(30)}) {
            long start = System.nanoTime();
            assertThat(pull.receive(timeout)).isNull();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(timeout.toNanos());
        }
        push.send("after the timeouts");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("after the timeouts");
    }

    @Test
    void tenThousandBlockingRoundTripsBetweenTwoThreadsLoseNoWakeUp() throws Exception {
        // Each side waits for the other on every message, in turn yielding and parking: a wake-up
        // lost between a waiter publishing itself and its peer signalling would hang a round trip.
        Socket req = socket(SocketType.REQ);
        Socket rep = socket(SocketType.REP);
        req.connect(rep.bind(name()));
        int rounds = 10_000;
        CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> {
            int n = 0;
            for (; n < rounds; n++) {
                byte[] request = rep.receiveBytes(WAIT);
                if (request == null) {
                    break;
                }
                rep.send(request);
            }
            return n;
        });
        for (int i = 0; i < rounds; i++) {
            req.send(Integer.toString(i));
            Message reply = req.receive(WAIT);
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(reply.toStrings()).containsExactly(Integer.toString(i));
        }
        assertThat(served.get(20, TimeUnit.SECONDS)).isEqualTo(rounds);
    }

    @Test
    void senderStopsWhenSndhwmPlusRcvhwmMessagesAreInFlight() {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        push.set(Option.SNDHWM, 3);
        pull.set(Option.RCVHWM, 2);
        push.connect(pull.bind(name()));
        for (int i = 0; i < 5; i++) {
            assertThat(push.trySend("m" + i)).as("message %d", i).isTrue();
        }
        assertThat(push.trySend("m5")).isFalse();
        assertThat(push.send("m5", BRIEF)).isFalse();
        assertThat(pull.receiveString()).isEqualTo("m0");
        assertThat(push.trySend("m5")).isTrue();
        assertThat(push.trySend("m6")).isFalse();
    }

    @Test
    void connectBeforeBindQueuesUpToSndhwmThenTheSumOnceBound() {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        push.set(Option.SNDHWM, 3);
        pull.set(Option.RCVHWM, 2);
        String ep = name();
        push.connect(ep);
        for (int i = 0; i < 3; i++) {
            assertThat(push.trySend("m" + i)).isTrue();
        }
        assertThat(push.trySend("m3")).isFalse();
        pull.bind(ep);
        assertThat(push.trySend("m3")).isTrue();
        assertThat(push.trySend("m4")).isTrue();
        assertThat(push.trySend("m5")).isFalse();
    }

    @Test
    void senderBlockedAtHwmIsWokenWhenTheReceiverTakesAMessage() throws Exception {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        push.set(Option.SNDHWM, 1);
        pull.set(Option.RCVHWM, 1);
        push.connect(pull.bind(name()));
        assertThat(push.trySend("1")).isTrue();
        assertThat(push.trySend("2")).isTrue();
        CompletableFuture<Boolean> third = new CompletableFuture<>();
        Thread sender = new Thread(() -> third.complete(push.send("3", WAIT)));
        sender.start();
        Await.blocked(sender, WAIT);
        assertThat(pull.receiveString()).isEqualTo("1");
        assertThat(third.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(pull.receiveString()).isEqualTo("2");
        assertThat(pull.receiveString()).isEqualTo("3");
    }

    @Test
    void incompatibleConnectToABoundNameThrows() {
        Socket push = socket(SocketType.PUSH);
        Socket other = socket(SocketType.PUSH);
        String ep = push.bind(name());
        assertThatThrownBy(() -> other.connect(ep)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ep).hasMessageContaining("PUSH");
        assertThat(other.trySend("nowhere")).isFalse();
    }

    @Test
    void incompatibleWaitingConnectIsDroppedWhenTheNameIsBound() {
        Socket early = socket(SocketType.PUSH);
        Socket binder = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        String ep = name();
        early.connect(ep);
        binder.bind(ep);
        // The dropped pipe took its queue with it: the early PUSH has no peer left.
        assertThat(early.trySend("nowhere")).isFalse();
        pull.connect(ep);
        assertThat(binder.send("to the compatible peer", WAIT)).isTrue();
        assertThat(pull.receiveString()).isEqualTo("to the compatible peer");
    }

    @Test
    void secondBindToTheSameNameIsAddressInUseUntilUnbound() {
        Socket a = socket(SocketType.PULL);
        Socket b = socket(SocketType.PULL);
        String ep = a.bind(name());
        assertThatThrownBy(() -> b.bind(ep)).isInstanceOf(ZmqException.AddressInUseException.class)
                .hasMessageContaining(ep);
        a.unbind(ep);
        assertThat(b.bind(ep)).isEqualTo(ep);
    }

    @Test
    void closingTheBinderLeavesQueuedMessagesReadableAndEndsThePipe() {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        push.connect(pull.bind(name()));
        Socket binder = ctx.socket(SocketType.PUSH);
        String ep2 = binder.bind(name());
        Socket pull2 = socket(SocketType.PULL);
        pull2.connect(ep2);
        binder.send("one");
        binder.send("two");
        binder.close();
        assertThat(pull2.receiveString()).isEqualTo("one");
        assertThat(pull2.receiveString()).isEqualTo("two");
        assertThat(pull2.receive(BRIEF)).isNull();
        // And the other way round: the binder's unread inbound messages stay readable after unbind.
        push.send("queued");
        pull.unbind(pull.lastEndpoint());
        assertThat(pull.receiveString()).isEqualTo("queued");
        assertThat(push.trySend("after unbind")).isFalse();
    }

    @Test
    void closingTheConnectorEndsThePipeAndTheBinderKeepsWhatItWasSent() {
        Socket pull = socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        String ep = pull.bind(name());
        push.connect(ep);
        push.send("before close");
        push.close();
        assertThat(pull.receiveString()).isEqualTo("before close");
        Socket again = socket(SocketType.PUSH);
        again.connect(ep);
        again.send("new peer");
        assertThat(pull.receiveString()).isEqualTo("new peer");
    }

    @Test
    void disconnectEndsThePipe() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        String ep = pull.bind(name());
        push.connect(ep);
        assertThat(push.trySend("x")).isTrue();
        push.disconnect(ep);
        assertThat(push.trySend("y")).isFalse();
        assertThat(pull.receiveString()).isEqualTo("x");
        assertThat(pull.receive(BRIEF)).isNull();
    }

    @Test
    void secondPairPeerIsRefused() {
        Socket a = socket(SocketType.PAIR);
        Socket b = socket(SocketType.PAIR);
        Socket c = socket(SocketType.PAIR);
        String ep = a.bind(name());
        b.connect(ep);
        c.connect(ep);
        assertThat(c.trySend("refused")).isFalse();
        assertThat(b.send("accepted", WAIT)).isTrue();
        assertThat(a.receiveString()).isEqualTo("accepted");
    }

    @Test
    void pushLoadBalancesOverSeveralInprocPeers() {
        Socket push = socket(SocketType.PUSH);
        Socket p1 = socket(SocketType.PULL);
        Socket p2 = socket(SocketType.PULL);
        String ep = push.bind(name());
        p1.connect(ep);
        p2.connect(ep);
        for (int i = 0; i < 4; i++) {
            push.send("m" + i);
        }
        assertThat(p1.receive(WAIT)).isNotNull();
        assertThat(p1.receive(WAIT)).isNotNull();
        assertThat(p2.receive(WAIT)).isNotNull();
        assertThat(p2.receive(WAIT)).isNotNull();
    }

    @Test
    void contextCloseWakesABlockedInprocReceiver() throws Exception {
        Context own = new Context();
        Socket pull = own.socket(SocketType.PULL);
        pull.bind(name());
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                pull.receive();
                return null;
            } catch (ZmqException e) {
                return e;
            }
        });
        own.close();
        assertThat(failure.get(20, TimeUnit.SECONDS)).isInstanceOf(ZmqException.ContextClosedException.class);
    }
}
