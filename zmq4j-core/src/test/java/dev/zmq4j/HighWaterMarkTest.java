package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SNDHWM and RCVHWM bound what a PUSH queues for a peer that does not read. */
@Timeout(120)
class HighWaterMarkTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sndhwmIsExactForAnAbsentPeer() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.SNDHWM, 10);
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(FreePort.endpoint());
            for (int i = 0; i < 10; i++) {
                assertThat(push.trySend(Message.of("m" + i))).as("message %d", i).isTrue();
            }
            assertThat(push.trySend(Message.of("one too many"))).isFalse();
            long start = System.nanoTime();
            assertThat(push.send(Message.of("one too many"), Duration.ofMillis(200))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void pushWithNoPeerAtAllWouldBlock() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThat(push.trySend(Message.of("nobody"))).isFalse();
            assertThat(push.send(Message.of("nobody"), Duration.ofMillis(100))).isFalse();
        }
    }

    @Test
    void pushStopsAtHighWaterMarkAndResumesWhenPullReads() {
        byte[] body = new byte[1024];
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.RCVHWM, 10);
            push.set(Option.SNDHWM, 10);
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            // Socket buffers absorb messages too: "finite and small" means far below what we try.
            int accepted = 0;
            int limit = 100_000;
            while (accepted < limit && push.send(numbered(body, accepted), Duration.ofMillis(500))) {
                accepted++;
            }
            assertThat(accepted).as("messages accepted by a PUSH whose PULL does not read")
                    .isGreaterThanOrEqualTo(20).isLessThan(limit);
            assertThat(push.trySend(numbered(body, accepted))).as("still at the high-water mark").isFalse();
            assertThat(push.send(numbered(body, accepted), Duration.ofMillis(100))).isFalse();

            for (int i = 0; i < accepted; i++) {
                Message m = pull.receive(WAIT);
                assertThat(m).as("message %d of %d", i, accepted).isNotNull();
                assertThat(sequence(m)).isEqualTo(i);
            }
            assertThat(pull.receive(Duration.ofMillis(100))).as("nothing beyond what was accepted").isNull();

            for (int i = accepted; i < accepted + 100; i++) {
                assertThat(push.send(numbered(body, i), WAIT)).as("sending resumed, message %d", i).isTrue();
                assertThat(sequence(pull.receive(WAIT))).isEqualTo(i);
            }
        }
    }

    @Test
    void blockingSendWaitsForTheReaderToMakeRoom() throws Exception {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.RCVHWM, 5);
            push.set(Option.SNDHWM, 5);
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            byte[] body = new byte[64 * 1024];
            int count = 500;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    push.send(numbered(body, i));
                }
            });
            sender.start();
            // 500 x 64 KiB is more than the buffers hold: the sender must block until we read.
            Await.blocked(sender, WAIT);
            for (int i = 0; i < count; i++) {
                assertThat(sequence(pull.receive(WAIT))).isEqualTo(i);
            }
            sender.join(WAIT.toMillis());
            assertThat(sender.isAlive()).isFalse();
        }
    }

    private static Message numbered(byte[] body, int seq) {
        byte[] b = body.clone();
        ByteBuffer.wrap(b).putInt(seq);
        return Message.of(b);
    }

    private static int sequence(Message m) {
        assertThat(m).isNotNull();
        return ByteBuffer.wrap(m.frame(0).toByteArray()).getInt();
    }
}
