package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Events;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A peer killed in the middle of a message: the relay forwards part of a two-frame message
 * ({@code "head"} with MORE, then 10,000 bytes) and resets both sides (RST). The receiver
 * delivers nothing of it, drops the connection, and the sender's reconnect carries the next
 * message whole. The cut lands inside the first frame's header, at the end of the first frame,
 * inside the second frame's header, inside its body, and one byte before its end.
 */
@Timeout(60)
class MidFrameResetTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** "head": flags, size, 4 bytes; then the long form's flags and 8 size bytes, then the body. */
    private static final int HEAD_FRAME = 2 + 4;
    private static final int BODY = 10_000;
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    @ParameterizedTest(name = "reset after {0} bytes of the message")
    @ValueSource(ints = {1, HEAD_FRAME, HEAD_FRAME + 5, HEAD_FRAME + 9 + 100, HEAD_FRAME + 9 + BODY - 1})
    void nothingPartialIsDeliveredTheConnectionIsDroppedAndReconnectWorks(int cutAfter) throws Exception {
        Socket pull = ctx.socket(SocketType.PULL);
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(Option.LINGER, Duration.ZERO);
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(20));
        String ep = pull.bind("tcp://127.0.0.1:*");
        try (ChaosRelay relay = new ChaosRelay(ep);
             Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
             Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            push.connect(relay.endpoint());
            assertThat(push.send("before", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("before");
            Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            Events.await(pullEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);

            // The stream is quiet (no heartbeats): the next bytes upstream are the message's.
            relay.resetAfter(ChaosRelay.Direction.UPSTREAM, cutAfter);
            byte[] body = new byte[BODY];
            Arrays.fill(body, (byte) 'x');
            assertThat(push.send(Message.of("head".getBytes(), body), WAIT)).isTrue();

            SocketEvent dropped = Events.await(pullEvents, SocketEvent.Type.DISCONNECTED);
            assertThat(pull.tryReceive()).as("nothing of the cut message").isNull();
            Events.await(pushEvents, SocketEvent.Type.DISCONNECTED);
            Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            Events.await(pullEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);

            assertThat(push.send("after", WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).as("after %s", dropped.reason()).containsExactly("after");
            assertThat(pull.tryReceive()).isNull();
            assertThat(relay.accepted()).isEqualTo(2);
        }
    }
}
