package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** REQ and REP lock-step: calls out of turn fail; requests spread over REPs; replies find their REQ. */
@Timeout(60)
class ReqRepStateTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void reqSendTwiceThrowsAndTheFirstReplyStillArrives() {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            req.send("first");
            assertThatThrownBy(() -> req.send("second"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("REQ");
            assertThat(rep.receive(WAIT).toStrings()).containsExactly("first");
            rep.send("reply");
            assertThat(req.receive(WAIT).toStrings()).containsExactly("reply");
            assertThat(rep.receive(Duration.ofMillis(100))).as("the refused request was not sent").isNull();
        }
    }

    @Test
    void reqReceiveBeforeSendThrows() {
        try (Context ctx = new Context(); Socket req = ctx.socket(SocketType.REQ)) {
            assertThatThrownBy(() -> req.receive(WAIT)).isInstanceOf(IllegalStateException.class).hasMessageContaining("REQ");
            assertThatThrownBy(req::tryReceive).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void repSendBeforeReceiveThrows() {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            assertThatThrownBy(() -> rep.send("unasked")).isInstanceOf(IllegalStateException.class).hasMessageContaining("REP");
        }
    }

    @Test
    void repReceiveTwiceThrows() {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            req.send("q");
            assertThat(rep.receive(WAIT)).isNotNull();
            assertThatThrownBy(() -> rep.receive(WAIT)).isInstanceOf(IllegalStateException.class);
            rep.send("a");
            assertThat(req.receive(WAIT).toStrings()).containsExactly("a");
        }
    }

    @Test
    void requestsAreLoadBalancedOverSeveralReps() throws Exception {
        int reps = 3;
        int rounds = 10;
        try (Context ctx = new Context(); Socket req = ctx.socket(SocketType.REQ)) {
            List<AtomicInteger> served = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                Socket rep = ctx.socket(SocketType.REP);
                AtomicInteger count = new AtomicInteger();
                served.add(count);
                req.connect(rep.bind("tcp://127.0.0.1:*"));
                startReplier(rep, "rep" + r, count);
            }
            for (int i = 0; i < reps * rounds; i++) {
                assertThat(req.send(Message.of("request " + i), WAIT)).isTrue();
                Message reply = req.receive(WAIT);
                assertThat(reply).as("reply %d", i).isNotNull();
                // Round-robin in connect order.
                assertThat(reply.toStrings()).containsExactly("rep" + (i % reps), "request " + i);
            }
            assertThat(served).allSatisfy(c -> assertThat(c.get()).isEqualTo(rounds));
        }
    }

    @Test
    void repliesReachTheRightReqAmongSeveral() throws Exception {
        int reqs = 5;
        int perReq = 200;
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            String ep = rep.bind("tcp://127.0.0.1:*");
            startReplier(rep, "rep", new AtomicInteger());
            List<CompletableFuture<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < reqs; c++) {
                String id = "client" + c;
                clients.add(CompletableFuture.supplyAsync(() -> {
                    try (Socket req = ctx.socket(SocketType.REQ)) {
                        req.connect(ep);
                        for (int i = 0; i < perReq; i++) {
                            String q = id + " #" + i;
                            req.send(q);
                            Message reply = req.receive(WAIT);
                            if (reply == null || !reply.toStrings().equals(List.of("rep", q))) {
                                throw new AssertionError(id + " got " + reply + " (expected: reply to " + q + ")");
                            }
                        }
                        return perReq;
                    }
                }, runnable -> new Thread(runnable, id).start()));
            }
            for (CompletableFuture<Integer> c : clients) {
                assertThat(c).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(perReq);
            }
        }
    }

    /** Replies to each request with {@code name} followed by the request, until the socket closes. */
    private static void startReplier(Socket rep, String name, AtomicInteger served) {
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    Message q = rep.receive();
                    served.incrementAndGet();
                    List<Frame> frames = new ArrayList<>();
                    frames.add(Frame.of(name));
                    frames.addAll(q.frames());
                    rep.send(Message.of(frames));
                }
            } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException e) {
                // closed by the test: done
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
