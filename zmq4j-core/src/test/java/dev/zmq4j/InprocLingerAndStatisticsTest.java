package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * inproc pipes in statistics() like connections, and LINGER for messages queued by a connect
 * whose name is not bound yet: delivered if the bind comes within LINGER, dropped with LINGER 0.
 */
@Timeout(30)
class InprocLingerAndStatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void statisticsCountInprocMessagesOnBothSides() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.bind("inproc://stats");
            push.connect("inproc://stats");
            push.send("abc");
            push.send(Message.of("de", "f"));
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("abc");
            SocketStatistics before = pull.statistics();
            assertThat(before.messagesIn()).isEqualTo(1);
            assertThat(before.queuedIn()).isEqualTo(1);
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("de", "f");

            SocketStatistics in = pull.statistics();
            SocketStatistics out = push.statistics();
            assertThat(in.messagesIn()).isEqualTo(2);
            assertThat(in.bytesIn()).isEqualTo(6);
            assertThat(out.messagesOut()).isEqualTo(2);
            assertThat(out.bytesOut()).isEqualTo(6);
            assertThat(in.messagesOut()).isZero();
            assertThat(out.messagesIn()).isZero();
        }
    }

    @Test
    void messagesReadAfterTheSenderLeftStillCount() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.bind("inproc://left");
            try (Socket push = ctx.socket(SocketType.PUSH)) {
                push.connect("inproc://left");
                for (int i = 0; i < 10; i++) {
                    assertThat(push.send("m" + i, WAIT)).isTrue();
                }
                assertThat(push.statistics().messagesOut()).isEqualTo(10);
            }
            // The PUSH is gone and its pipe with it; what it sent stays readable, and counts.
            for (int i = 0; i < 10; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m" + i);
            }
            SocketStatistics in = pull.statistics();
            assertThat(in.messagesIn()).isEqualTo(10);
            assertThat(in.bytesIn()).isEqualTo(20);
            assertThat(in.queuedIn()).isZero();
        }
    }

    @Test
    void lingerWaitsForTheBindOfAConnectThatQueuedMessages() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ofSeconds(20));
            push.connect("inproc://late");
            for (int i = 0; i < 3; i++) {
                assertThat(push.send("queued " + i, WAIT)).isTrue();
            }
            Thread closer = new Thread(push::close, "closer");
            closer.start();
            // The close lingers (parked) for the bind, with the socket already closed.
            Await.blocked(closer, WAIT);
            Await.until(push::isClosed, WAIT, "push closed");
            assertThat(closer.isAlive()).isTrue();
            pull.bind("inproc://late");
            for (int i = 0; i < 3; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("queued " + i);
            }
            closer.join(WAIT.toMillis());
            assertThat(closer.isAlive()).as("close returned once the messages were with the binder").isFalse();
        }
    }

    @Test
    void aCloseWithLingerZeroDropsWhatWaitsForABind() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ZERO);
            push.connect("inproc://never-then-late");
            push.send("dropped");
            push.close();
            pull.bind("inproc://never-then-late");
            assertThat(pull.receive(Duration.ofMillis(200))).isNull();
        }
    }
}
