package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket.statistics(): traffic counts on both sides, queue depths, drops, and counts of gone peers. */
@Timeout(60)
class StatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void countsMessagesAndBytesOnBothSides() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            byte[] body = new byte[100];
            for (int i = 0; i < 1000; i++) {
                assertThat(push.send(body, WAIT)).isTrue();
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(pull.receiveBytes(WAIT)).hasSize(100);
            }
            Await.until(() -> push.statistics().messagesOut() == 1000, WAIT, () -> "push: " + push.statistics());
            SocketStatistics out = push.statistics();
            assertThat(out.bytesOut()).isEqualTo(100_000);
            assertThat(out.messagesIn()).isZero();
            assertThat(out.queuedOut()).isZero();
            SocketStatistics in = pull.statistics();
            assertThat(in.messagesIn()).isEqualTo(1000);
            assertThat(in.bytesIn()).isEqualTo(100_000);
            assertThat(in.messagesOut()).isZero();
            assertThat(in.queuedIn()).isZero();
        }
    }

    @Test
    void multipartMessagesCountOnceWithEveryFramesBytes() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            assertThat(push.send(Message.of(new byte[3], new byte[0], new byte[7]), WAIT)).isTrue();
            assertThat(pull.receive(WAIT).size()).isEqualTo(3);
            assertThat(pull.statistics().messagesIn()).isEqualTo(1);
            assertThat(pull.statistics().bytesIn()).isEqualTo(10);
        }
    }

    @Test
    void queueDepthsShowWhatWaits() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = FreePort.endpoint();
            push.connect(ep);
            for (int i = 0; i < 10; i++) {
                assertThat(push.trySend("queued " + i)).isTrue();
            }
            assertThat(push.statistics().queuedOut()).isEqualTo(10);
            pull.bind(ep);
            Await.until(() -> pull.statistics().queuedIn() == 10, WAIT, () -> "pull: " + pull.statistics());
            assertThat(push.statistics().queuedOut()).isZero();
            assertThat(pull.receiveString()).isEqualTo("queued 0");
            assertThat(pull.statistics().queuedIn()).isEqualTo(9);
        }
    }

    @Test
    void countsOfAPeerThatLeftStayInTheTotals() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL);
             Monitor m = pull.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED))) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect(ep);
                for (int i = 0; i < 50; i++) {
                    assertThat(push.send(new byte[10], WAIT)).isTrue();
                }
                for (int i = 0; i < 50; i++) {
                    assertThat(pull.receiveBytes(WAIT)).isNotNull();
                }
            }
            MonitorTest.await(m, SocketEvent.Type.DISCONNECTED);
            assertThat(pull.statistics().messagesIn()).isEqualTo(50);
            assertThat(pull.statistics().bytesIn()).isEqualTo(500);
        }
    }

    @Test
    void aReplyRepDropsBecauseTheRequesterLeftIsCounted() {
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP);
             Monitor m = rep.monitor(EnumSet.of(SocketEvent.Type.DISCONNECTED))) {
            String ep = rep.bind("tcp://127.0.0.1:*");
            try (Socket req = ctx.socket(SocketType.REQ)) {
                req.connect(ep);
                assertThat(req.send("request", WAIT)).isTrue();
                assertThat(rep.receive(WAIT).toStrings()).containsExactly("request");
            }
            MonitorTest.await(m, SocketEvent.Type.DISCONNECTED);
            assertThat(rep.send("reply", WAIT)).isTrue();
            SocketStatistics s = rep.statistics();
            assertThat(s.messagesDropped()).isEqualTo(1);
            assertThat(s.messagesOut()).isZero();
        }
    }
}
