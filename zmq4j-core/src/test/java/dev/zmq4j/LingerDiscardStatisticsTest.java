package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages a socket still holds for a peer when LINGER runs out at close are discarded, and
 * counted: after the close, every message sent is either written ({@code messagesOut}) or dropped
 * ({@code messagesDropped}), with nothing left queued.
 */
@Timeout(60)
class LingerDiscardStatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static void awaitAllAccountedFor(Socket s, long sent) {
        Await.until(() -> {
            SocketStatistics st = s.statistics();
            return st.queuedOut() == 0 && st.messagesOut() + st.messagesDropped() == sent;
        }, WAIT, () -> "sent " + sent + ", " + s.statistics());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void whatWaitsForAConnectionThatNeverCameIsCountedAsDropped(int lingerMillis) {
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ofMillis(lingerMillis));
            push.connect(FreePort.endpoint());
            for (int i = 0; i < 10; i++) {
                assertThat(push.trySend("queued " + i)).isTrue();
            }
            assertThat(push.statistics().queuedOut()).isEqualTo(10);

            push.close();

            awaitAllAccountedFor(push, 10);
            assertThat(push.statistics().messagesDropped()).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 100})
    void whatWaitsForAnInprocBindThatNeverCameIsCountedAsDropped(int lingerMillis) {
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ofMillis(lingerMillis));
            push.connect("inproc://never-bound-" + lingerMillis);
            for (int i = 0; i < 3; i++) {
                assertThat(push.trySend("queued " + i)).isTrue();
            }

            push.close();

            awaitAllAccountedFor(push, 3);
            assertThat(push.statistics().messagesDropped()).isEqualTo(3);
        }
    }

    @Test
    void whatAPeerThatStoppedReadingDidNotTakeIsCountedAsDropped() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            pull.set(Option.RCVHWM, 1);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.SNDHWM, 10);
            push.set(Option.LINGER, Duration.ofMillis(100));
            push.connect(endpoint);
            byte[] body = new byte[64 * 1024];
            long sent = 0;
            // Until the kernel's buffers, the peer's RCVHWM and our SNDHWM are all full.
            while (push.send(body, Duration.ofMillis(500))) {
                sent++;
            }
            assertThat(push.statistics().queuedOut()).isPositive();

            push.close();

            awaitAllAccountedFor(push, sent);
            assertThat(push.statistics().messagesDropped()).isPositive();
        }
    }

    /**
     * Closed with LINGER 0 while its connection is draining flat out: the messages the drain
     * wrote are counted out, the rest dropped, none twice and none lost.
     */
    @RepeatedTest(10)
    void closingInTheMiddleOfADrainCountsEachMessageOnce() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            Thread reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        pull.receive(Duration.ofMillis(50));
                    } catch (ZmqException e) {
                        return;
                    }
                }
            }, "reader");
            reader.setDaemon(true);
            reader.start();
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(endpoint);
            byte[] body = new byte[100];
            long sent = 0;
            while (push.statistics().messagesOut() < 20_000) {
                if (push.send(body, WAIT)) {
                    sent++;
                }
            }
            for (int i = 0; i < 1_000; i++) {
                if (push.trySend(body)) {
                    sent++;
                }
            }

            push.close();

            awaitAllAccountedFor(push, sent);
            reader.interrupt();
        }
    }
}
