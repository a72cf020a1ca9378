package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** IMMEDIATE, CONFLATE, REQ_RELAXED and REQ_CORRELATE as libzmq defines them. */
@Timeout(60)
class SocketOptionsBehaviourTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Context ctx = new Context();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void close() {
        sockets.forEach(s -> s.set(Option.LINGER, Duration.ZERO));
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        sockets.add(s);
        return s;
    }

    @Test
    void immediateQueuesOnlyToCompletedConnections() {
        Socket live = socket(SocketType.PULL);
        String liveEp = live.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.set(Option.IMMEDIATE, true);
        push.connect(FreePort.endpoint());
        assertThat(push.trySend("nobody is connected")).as("no pipe until a connection completes").isFalse();
        push.connect(liveEp);
        for (int i = 0; i < 10; i++) {
            assertThat(push.send("m" + i, WAIT)).isTrue();
        }
        // Without IMMEDIATE, round-robin would have queued half of them to the dead endpoint.
        for (int i = 0; i < 10; i++) {
            assertThat(live.receiveString()).isEqualTo("m" + i);
        }
    }

    @Test
    void withoutImmediateMessagesQueueForAPeerNotYetConnected() {
        Socket push = socket(SocketType.PUSH);
        push.connect(FreePort.endpoint());
        assertThat(push.trySend("queued for later")).isTrue();
    }

    @Test
    void conflateKeepsOnlyTheLastMessage() {
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.CONFLATE, true);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.connect(ep);
        for (int i = 0; i < 1000; i++) {
            assertThat(push.send("m" + i, WAIT)).isTrue();
        }
        Await.until(() -> pull.statistics().messagesIn() == 1000, WAIT, () -> "received " + pull.statistics());
        assertThat(pull.receiveString()).isEqualTo("m999");
        assertThat(pull.tryReceive()).isNull();
        push.send("later");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("later");
    }

    @Test
    void relaxedAndCorrelatedReqSendsAgainAndDropsTheStaleReply() {
        Socket rep = socket(SocketType.REP);
        String ep = rep.bind("tcp://127.0.0.1:*");
        Socket req = socket(SocketType.REQ);
        req.set(Option.REQ_RELAXED, true);
        req.set(Option.REQ_CORRELATE, true);
        req.connect(ep);
        assertThat(req.send("first", WAIT)).isTrue();
        assertThat(rep.receive(WAIT).toStrings()).containsExactly("first");
        // The reply has not come: a relaxed REQ may send the next request anyway.
        assertThat(req.send("second", WAIT)).isTrue();
        rep.send("reply to first");
        assertThat(rep.receive(WAIT).toStrings()).containsExactly("second");
        rep.send("reply to second");
        assertThat(req.receive(WAIT).toStrings()).as("the stale reply is dropped by its request id").containsExactly("reply to second");
    }

    @Test
    void correlatedRequestsCarryAnIdFrameThatTheReplyEchoes() {
        Socket router = socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        Socket req = socket(SocketType.REQ);
        req.set(Option.REQ_CORRELATE, true);
        req.connect(ep);
        req.send("hello");
        Message m = router.receive(WAIT);
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.frame(1).size()).as("request id").isEqualTo(4);
        assertThat(m.frame(2).isEmpty()).isTrue();
        assertThat(m.frame(3).toUtf8()).isEqualTo("hello");
        // A reply with another id is dropped; the right one is delivered.
        router.send(Message.of(m.frame(0), Frame.of(new byte[] {9, 9, 9, 9}), Frame.EMPTY, Frame.of("wrong")));
        router.send(Message.of(m.frame(0), m.frame(1), Frame.EMPTY, Frame.of("right")));
        assertThat(req.receive(WAIT).toStrings()).containsExactly("right");
    }
}
