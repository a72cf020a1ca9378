package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Poller.Event;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** The Poller's READABLE and WRITABLE over every transport. */
@Timeout(60)
class PollerChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @TransportTest
    void pullBecomesReadableWhenAMessageArrivesAndStopsOnceItIsTaken(TransportFixture fixture) {
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        Peers.marry(fixture, pull, push);
        try (Poller poller = new Poller()) {
            poller.register(pull, Event.READABLE);
            assertThat(poller.pollNow()).as("nothing sent yet").isZero();
            assertThat(push.send(Message.of("multi", "part"), WAIT)).isTrue();
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isReadable(pull)).isTrue();
            assertThat(pull.tryReceive().toStrings()).containsExactly("multi", "part");
            assertThat(poller.pollNow()).as("nothing left to read").isZero();
            assertThat(poller.isReadable(pull)).isFalse();
        }
    }

    @TransportTest
    void aBlockedPollWakesWhenAMessageArrives(TransportFixture fixture) throws Exception {
        Socket pull = peers.socket(SocketType.PULL);
        Socket push = peers.socket(SocketType.PUSH);
        Peers.marry(fixture, pull, push);
        try (Poller poller = new Poller()) {
            poller.register(pull, Event.READABLE);
            CompletableFuture<Integer> polled = new CompletableFuture<>();
            Thread t = Peers.start("poller", () -> polled.complete(poller.poll(WAIT)));
            Await.blocked(t, WAIT);
            push.send("wake up");
            assertThat(polled.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("wake up");
        }
    }

    @TransportTest
    void pushIsWritableOnlyOnceItHasAPeer(TransportFixture fixture) {
        Socket push = peers.socket(SocketType.PUSH);
        Socket pull = peers.socket(SocketType.PULL);
        try (Poller poller = new Poller()) {
            poller.register(push, Event.WRITABLE);
            assertThat(poller.pollNow()).as("no peer yet").isZero();
            Peers.marry(fixture, push, pull);
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(push)).isTrue();
            assertThat(push.trySend("written")).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("written");
        }
    }

    @TransportTest
    void pairIsReadableAndWritableTogether(TransportFixture fixture) {
        Socket a = peers.socket(SocketType.PAIR);
        Socket b = peers.socket(SocketType.PAIR);
        Peers.marry(fixture, a, b);
        try (Poller poller = new Poller()) {
            poller.register(a, EnumSet.of(Event.READABLE, Event.WRITABLE));
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(a)).isTrue();
            assertThat(poller.isReadable(a)).isFalse();
            b.send("hello");
            Await.until(() -> poller.pollNow() == 1 && poller.isReadable(a), WAIT, "PAIR readable");
            assertThat(poller.isWritable(a)).isTrue();
            assertThat(a.receive(WAIT).toStrings()).containsExactly("hello");
        }
    }

    @TransportTest
    void reqIsWritableInItsSendStateAndReadableOnlyWithItsReply(TransportFixture fixture) {
        Socket rep = peers.socket(SocketType.REP);
        Socket req = peers.socket(SocketType.REQ);
        Peers.marry(fixture, rep, req);
        try (Poller poller = new Poller()) {
            poller.register(req, EnumSet.of(Event.READABLE, Event.WRITABLE));
            poller.register(rep, Event.READABLE);
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isWritable(req)).isTrue();
            req.send("question");
            assertThat(poller.poll(WAIT)).isEqualTo(1);
            assertThat(poller.isReadable(rep)).as("the request arrived").isTrue();
            assertThat(poller.isWritable(req)).as("waiting for its reply").isFalse();
            assertThat(poller.isReadable(req)).isFalse();
            assertThat(rep.receive(WAIT).toStrings()).containsExactly("question");
            rep.send("answer");
            Await.until(() -> poller.pollNow() == 1 && poller.isReadable(req), WAIT, "REQ readable with its reply");
            assertThat(poller.isWritable(req)).isFalse();
            assertThat(req.receive(WAIT).toStrings()).containsExactly("answer");
            assertThat(poller.pollNow()).isEqualTo(1);
            assertThat(poller.isWritable(req)).as("back in its send state").isTrue();
        }
    }
}
