package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** PUB/SUB and XPUB over every transport: prefix filtering, unsubscribe, multipart, subscriptions seen by XPUB. */
@Timeout(60)
class PubSubChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Receives single-frame messages until {@code end}, returning the ones before it. */
    private static List<String> receiveUntil(Socket sub, String end) {
        List<String> got = new ArrayList<>();
        for (;;) {
            Message m = sub.receive(WAIT);
            assertThat(m).as("after " + got).isNotNull();
            String s = m.first().toUtf8();
            if (s.equals(end)) {
                return got;
            }
            got.add(s);
        }
    }

    @TransportTest
    void subscriberGetsExactlyTheTopicsItsPrefixesMatch(TransportFixture fixture) {
        Socket pub = peers.socket(SocketType.PUB);
        Socket sub = peers.socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("a."));
        sub.set(Option.SUBSCRIBE, bytes("b."));
        Peers.marry(fixture, pub, sub);
        Peers.awaitSubscribed(pub, sub, Message.of("a.sync"));
        for (String topic : List.of("a.1", "c.1", "b.2", "ab", "a", "a.3", "B.4", "b.end")) {
            pub.send(topic);
        }
        assertThat(receiveUntil(sub, "b.end")).containsExactly("a.1", "b.2", "a.3");
    }

    @TransportTest
    void unsubscribeStopsThatTopicAndKeepsTheOthers(TransportFixture fixture) {
        Socket pub = peers.socket(SocketType.PUB);
        Socket sub = peers.socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("x"));
        sub.set(Option.SUBSCRIBE, bytes("y"));
        Peers.marry(fixture, pub, sub);
        Peers.awaitSubscribed(pub, sub, Message.of("x.sync"));
        sub.set(Option.UNSUBSCRIBE, bytes("x"));
        // The cancel travels like a message: once a round of x then y arrives as y alone, it has
        // reached the publisher, and every x published later is filtered out.
        long deadline = System.nanoTime() + WAIT.toNanos();
        boolean cancelled = false;
        while (!cancelled && System.nanoTime() < deadline) {
            pub.send("x.probe");
            pub.send("y.probe");
            cancelled = receiveUntil(sub, "y.probe").isEmpty();
        }
        assertThat(cancelled).as("x.probe stopped arriving").isTrue();
        pub.send("x.after");
        pub.send("y.after");
        pub.send("x.more");
        pub.send("y.end");
        assertThat(receiveUntil(sub, "y.end")).containsExactly("y.after");
    }

    @TransportTest
    void multipartMessagesArriveWholeAndUnmatchedOnesLeaveNoFrames(TransportFixture fixture) {
        Socket pub = peers.socket(SocketType.PUB);
        Socket sub = peers.socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("t"));
        Peers.marry(fixture, pub, sub);
        Peers.awaitSubscribed(pub, sub, Message.of("t.sync"));
        byte[] large = new byte[100_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        Message whole = Message.of(Frame.of("t.1"), Frame.EMPTY, Frame.of("body"), Frame.of(large));
        pub.send(Message.of("u.skipped", "second frame", "third frame"));
        pub.send(whole);
        pub.send(Message.of("u.skipped", "again"));
        pub.send(Message.of("t.2", "end"));
        assertThat(sub.receive(WAIT)).isEqualTo(whole);
        assertThat(sub.receive(WAIT).toStrings()).containsExactly("t.2", "end");
        assertThat(sub.receive(Peers.BRIEF)).isNull();
    }

    @TransportTest
    void xpubReceivesEachSubscriptionAndItsCancel(TransportFixture fixture) {
        Socket xpub = peers.socket(SocketType.XPUB);
        Socket sub = peers.socket(SocketType.SUB);
        Peers.marry(fixture, xpub, sub);
        sub.set(Option.SUBSCRIBE, bytes("news"));
        assertThat(xpub.receive(WAIT).first().toByteArray()).containsExactly(bytes("\u0001news"));
        xpub.send(Message.of("news", "today"));
        assertThat(sub.receive(WAIT).toStrings()).containsExactly("news", "today");
        sub.set(Option.UNSUBSCRIBE, bytes("news"));
        assertThat(xpub.receive(WAIT).first().toByteArray()).containsExactly(bytes("\u0000news"));
        xpub.send("news after the cancel");
        assertThat(sub.receive(Peers.BRIEF)).isNull();
    }
}
