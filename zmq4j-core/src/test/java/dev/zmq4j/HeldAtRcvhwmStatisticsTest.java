package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A connection paused at RCVHWM holds the one message that did not fit. If this socket closes the
 * connection while it is paused, that message is lost (libzmq's engine drops it too): it is
 * counted in {@code messagesDropped}, not in {@code messagesIn}, so that what the peer wrote is
 * what was received plus what was dropped.
 */
@Timeout(60)
class HeldAtRcvhwmStatisticsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int RCVHWM = 2;
    private static final int SENT = RCVHWM + 1;

    enum Ending { UNBIND, CLOSE }

    @ParameterizedTest
    @EnumSource(Ending.class)
    void theMessageHeldWhenThisSocketClosesThePausedConnectionIsCountedAsDropped(Ending ending) {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            String endpoint = holdOneAtRcvhwm(push, pull);

            if (ending == Ending.UNBIND) {
                pull.unbind(endpoint);
            } else {
                pull.close();
            }

            Await.until(() -> pull.statistics().messagesDropped() == 1, WAIT, () -> "pull " + pull.statistics());
            SocketStatistics in = pull.statistics();
            assertThat(in.messagesIn()).as("received: queued for the socket").isEqualTo(RCVHWM);
            assertThat(in.bytesIn()).isEqualTo(2L * RCVHWM);
            assertThat(in.messagesIn() + in.messagesDropped()).as("received + dropped = written by the peer")
                    .isEqualTo(push.statistics().messagesOut());
            if (ending == Ending.UNBIND) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m0");
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m1");
                assertThat(pull.receive(Duration.ofMillis(100))).as("the held message is gone").isNull();
                assertThat(pull.statistics().messagesIn()).isEqualTo(RCVHWM);
            }
        }
    }

    @Test
    void aHeldMessageIsCountedInOnceTheReaderMakesRoom() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH); Socket pull = ctx.socket(SocketType.PULL)) {
            holdOneAtRcvhwm(push, pull);

            for (int i = 0; i < SENT; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m" + i);
            }

            Await.until(() -> pull.statistics().messagesIn() == SENT, WAIT, () -> "pull " + pull.statistics());
            assertThat(pull.statistics().messagesDropped()).isZero();
            assertThat(pull.statistics().bytesIn()).isEqualTo(2L * SENT);
        }
    }

    /**
     * Sends {@value #SENT} messages to {@code pull} (RCVHWM {@value #RCVHWM}) and waits until
     * {@value #RCVHWM} are queued there, so that its connection holds the last one, paused.
     * Queued before the peer is there: the connection writes them in one batch after the
     * handshake, which the receiver reads and decodes at once. So by the time the first two are
     * seen queued, the third is held, and a close (a task after that read) finds it.
     *
     * @return the endpoint {@code pull} is bound to
     */
    private static String holdOneAtRcvhwm(Socket push, Socket pull) {
        pull.set(Option.RCVHWM, RCVHWM);
        String endpoint = FreePort.endpoint();
        push.connect(endpoint);
        for (int i = 0; i < SENT; i++) {
            assertThat(push.trySend("m" + i)).isTrue();
        }
        pull.bind(endpoint);
        Await.until(() -> push.statistics().messagesOut() == SENT && pull.statistics().queuedIn() == RCVHWM, WAIT,
                () -> "push " + push.statistics() + ", pull " + pull.statistics());
        return endpoint;
    }
}
