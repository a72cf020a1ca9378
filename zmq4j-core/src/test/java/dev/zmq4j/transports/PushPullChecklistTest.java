package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** PUSH/PULL over every transport: round-robin to pullers, fair queueing from pushers, order. */
@Timeout(60)
class PushPullChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    private static List<Integer> receive(Socket pull, int count) {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = pull.receive(WAIT);
            assertThat(m).as("message %d of %d", i, count).isNotNull();
            got.add(Integer.parseInt(m.first().toUtf8()));
        }
        return got;
    }

    @TransportTest
    void pushDealsMessagesRoundRobinToTwoPullersKeepingTheirOrder(TransportFixture fixture) {
        Socket push = peers.socket(SocketType.PUSH);
        Socket first = peers.socket(SocketType.PULL);
        Socket second = peers.socket(SocketType.PULL);
        String ep = Peers.marry(fixture, push, first);
        Peers.connect(fixture, ep, push, second);
        for (int i = 0; i < 100; i++) {
            assertThat(push.send(Integer.toString(i), WAIT)).isTrue();
        }
        List<Integer> a = receive(first, 50);
        List<Integer> b = receive(second, 50);
        assertThat(first.receive(Peers.BRIEF)).isNull();
        assertThat(second.receive(Peers.BRIEF)).isNull();
        // Strict alternation: one puller has the even messages, the other the odd ones, in order.
        List<Integer> evens = a.get(0) % 2 == 0 ? a : b;
        List<Integer> odds = evens == a ? b : a;
        for (int i = 0; i < 50; i++) {
            assertThat(evens.get(i)).isEqualTo(2 * i);
            assertThat(odds.get(i)).isEqualTo(2 * i + 1);
        }
    }

    @TransportTest
    void pullTakesTurnsBetweenTwoPushersWithMessagesWaiting(TransportFixture fixture) {
        Socket pull = peers.socket(SocketType.PULL);
        Socket one = peers.socket(SocketType.PUSH);
        Socket two = peers.socket(SocketType.PUSH);
        String ep = Peers.marry(fixture, pull, one);
        Peers.connect(fixture, ep, pull, two);
        for (int i = 0; i < 50; i++) {
            assertThat(one.send(Integer.toString(i), WAIT)).isTrue();
        }
        for (int i = 0; i < 50; i++) {
            assertThat(two.send(Integer.toString(1000 + i), WAIT)).isTrue();
        }
        // Every message waits in the PULL's queues before it reads one: fair queueing then
        // alternates between the pushers although the first pusher sent all of its own first.
        Await.until(() -> pull.statistics().queuedIn() == 100, WAIT, () -> "queued: " + pull.statistics());
        List<Integer> got = receive(pull, 100);
        for (int i = 0; i < 100; i += 2) {
            assertThat(List.of(got.get(i) >= 1000, got.get(i + 1) >= 1000)).as("messages %d and %d of %s", i, i + 1, got)
                    .containsExactlyInAnyOrder(true, false);
        }
        assertThat(got.stream().filter(n -> n < 1000).toList()).as("pusher one's order").isSorted().hasSize(50);
        assertThat(got.stream().filter(n -> n >= 1000).toList()).as("pusher two's order").isSorted().hasSize(50);
    }
}
