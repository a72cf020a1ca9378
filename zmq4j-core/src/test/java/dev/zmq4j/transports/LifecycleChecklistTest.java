package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.BRIEF;
import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.transports.TransportFixture.Capability;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * Lifecycle over every transport: close with pending messages and LINGER, unbind, disconnect,
 * a context close that ends a blocked receive, and connect before bind.
 */
@Timeout(60)
class LifecycleChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @TransportTest
    void closeWithLingerDeliversEverythingQueuedBeforeIt(TransportFixture fixture) {
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        push.set(Option.LINGER, WAIT);
        Peers.marry(fixture, pull, push);
        // Within SNDHWM: over inproc the messages wait in the PULL's queue, bounded by the HWMs.
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            assertThat(push.send("m" + i, WAIT)).isTrue();
        }
        push.close();
        for (int i = 0; i < n; i++) {
            Message m = pull.receive(WAIT);
            assertThat(m).as("message %d", i).isNotNull();
            assertThat(m.toStrings()).containsExactly("m" + i);
        }
    }

    @TransportTest
    void lingerZeroCloseReturnsPromptlyWithUndeliverableMessages(TransportFixture fixture) {
        Socket push = peers.socket(SocketType.PUSH);
        push.connect(peers.vacantEndpoint(fixture));
        for (int i = 0; i < 5; i++) {
            assertThat(push.trySend("undeliverable " + i)).as("queued for the absent peer").isTrue();
        }
        long start = System.nanoTime();
        push.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(push.isClosed()).isTrue();
    }

    @TransportTest
    void lingerBoundsTheCloseOfUndeliverableMessages(TransportFixture fixture) {
        // Where messages wait for the peer in the socket (not in the peer's own queue), close
        // waits for them, at most LINGER.
        assumeTrue(fixture.supports(Capability.LINGER_WAITS));
        Socket push = peers.socket(SocketType.PUSH);
        push.connect(peers.vacantEndpoint(fixture));
        assertThat(push.trySend("undeliverable")).isTrue();
        push.set(Option.LINGER, Duration.ofMillis(500));
        long start = System.nanoTime();
        push.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400)).isLessThan(Duration.ofSeconds(5));
    }

    @TransportTest
    void unbindKeepsWhatArrivedStopsTheRestAndFreesTheEndpoint(TransportFixture fixture) {
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        String ep = pull.bind(fixture.rebindableEndpoint());
        Peers.connect(fixture, ep, pull, push);
        assertThat(push.send("before unbind", WAIT)).isTrue();
        Await.until(() -> pull.statistics().queuedIn() == 1, WAIT, () -> "queued: " + pull.statistics());
        pull.unbind(ep);
        assertThat(pull.receive(WAIT).toStrings()).as("received before the unbind").containsExactly("before unbind");
        push.trySend("after unbind");
        assertThat(pull.receive(BRIEF)).as("the connection ended with the unbind").isNull();
        assertThatThrownBy(() -> pull.unbind(ep)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ep);
        Socket other = peers.socket(SocketType.PULL);
        assertThat(other.bind(ep)).as("the endpoint is free again").isEqualTo(ep);
    }

    @TransportTest
    void disconnectSendsTheRestToTheRemainingPeer(TransportFixture fixture) {
        Socket push = peers.socket(SocketType.PUSH);
        Socket left = peers.socket(SocketType.PULL);
        Socket right = peers.socket(SocketType.PULL);
        String leftEp = Peers.marry(fixture, left, push);
        Peers.marry(fixture, right, push);
        push.disconnect(leftEp);
        for (int i = 0; i < 10; i++) {
            assertThat(push.send("m" + i, WAIT)).isTrue();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(right.receive(WAIT).toStrings()).containsExactly("m" + i);
        }
        assertThat(left.receive(BRIEF)).isNull();
        assertThatThrownBy(() -> push.disconnect(leftEp)).isInstanceOf(IllegalArgumentException.class);
    }

    @TransportTest
    void contextCloseEndsABlockedReceiveWithContextClosed(TransportFixture fixture) throws Exception {
        Context ctx = peers.newContext();
        Socket pull = Peers.socket(ctx, SocketType.PULL);
        Socket push = Peers.socket(ctx, SocketType.PUSH);
        Peers.marry(fixture, pull, push);
        CompletableFuture<Message> received = new CompletableFuture<>();
        Thread t = Peers.start("blocked-receiver", () -> {
            try {
                received.complete(pull.receive());
            } catch (Throwable e) {
                received.completeExceptionally(e);
            }
        });
        Await.blocked(t, WAIT);
        long start = System.nanoTime();
        ctx.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> received.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ZmqException.ContextClosedException.class);
        assertThat(pull.isClosed()).isTrue();
        assertThat(push.isClosed()).isTrue();
    }

    @TransportTest
    void messagesSentBeforeTheBindArriveInOrder(TransportFixture fixture) {
        String ep = peers.vacantEndpoint(fixture);
        Socket push = peers.socket(SocketType.PUSH);
        push.connect(ep);
        for (int i = 0; i < 5; i++) {
            assertThat(push.trySend(Message.of("early", Integer.toString(i)))).as("queued before the bind").isTrue();
        }
        Socket pull = peers.socket(SocketType.PULL);
        assertThat(pull.bind(ep)).isEqualTo(ep);
        for (int i = 0; i < 5; i++) {
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("early", Integer.toString(i));
        }
        assertThat(push.send("late", WAIT)).isTrue();
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("late");
    }
}
