package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** sendMore, receiveBytes and hasReceiveMore: multipart messages one frame at a time. */
@Timeout(60)
class FrameByFrameTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private Context ctx;
    private Socket push;
    private Socket pull;

    @BeforeEach
    void connect() {
        ctx = new Context();
        pull = ctx.socket(SocketType.PULL);
        push = ctx.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
    }

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void sendMoreThenSendArriveAsOneMultipartMessage() {
        push.sendMore("a");
        push.sendMore("b".getBytes(StandardCharsets.UTF_8));
        push.send("c");
        push.send("single");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("a", "b", "c");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("single");
    }

    @Test
    void sendMoreThenSendMessageAppendsItsFrames() {
        push.sendMore("head");
        push.send(Message.of("x", "y"));
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("head", "x", "y");
    }

    @Test
    void framesOfSendMoreDoNotLeaveBeforeTheLastFrame() {
        push.sendMore("first");
        assertThat(pull.receive(Duration.ofMillis(200))).isNull();
        push.send("last");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("first", "last");
    }

    @Test
    void receiveBytesAndHasReceiveMoreWalkTheFrames() {
        push.send(Message.of("a", "", "c"));
        push.send("alone");
        assertThat(new String(pull.receiveBytes(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(pull.hasReceiveMore()).isTrue();
        assertThat(pull.receiveBytes()).isEmpty();
        assertThat(pull.hasReceiveMore()).isTrue();
        assertThat(pull.receiveString()).isEqualTo("c");
        assertThat(pull.hasReceiveMore()).isFalse();
        assertThat(pull.receiveString()).isEqualTo("alone");
        assertThat(pull.hasReceiveMore()).isFalse();
    }

    @Test
    void receiveAfterAPartialFrameReadReturnsTheRest() {
        push.send(Message.of("a", "b", "c"));
        push.send(Message.of("next"));
        assertThat(pull.receiveString()).isEqualTo("a");
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("b", "c");
        assertThat(pull.hasReceiveMore()).isFalse();
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("next");
    }

    @Test
    void receiveBytesWithTimeoutReturnsNullWhenNothingArrives() {
        assertThat(pull.receiveBytes(Duration.ofMillis(50))).isNull();
        assertThat(pull.hasReceiveMore()).isFalse();
    }
}
