package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Calls a socket type cannot make, and option values out of range. */
@Timeout(60)
class SocketMisuseTest {
    @Test
    void pushCannotReceive() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(push::receive).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("PUSH");
            assertThatThrownBy(push::tryReceive).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> push.receive(Duration.ofSeconds(1))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(push::receiveBytes).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(push::receiveString).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void pullCannotSend() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            assertThatThrownBy(() -> pull.send("x")).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("PULL");
            assertThatThrownBy(() -> pull.send(Message.of("x"))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> pull.trySend(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> pull.send(new byte[1], Duration.ofSeconds(1))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> pull.sendMore("x")).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void nullDataIsRefused() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.trySend((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void negativeHighWaterMarksAreRefusedNamingOptionAndValue() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.set(Option.SNDHWM, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SNDHWM").hasMessageContaining("-1");
            assertThatThrownBy(() -> push.set(Option.RCVHWM, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RCVHWM");
            assertThat(push.get(Option.SNDHWM)).as("unchanged after a refused value").isEqualTo(1000);
            push.set(Option.SNDHWM, 0);
            assertThat(push.get(Option.SNDHWM)).isZero();
        }
    }

    @Test
    void routingIdOf256BytesIsRefused() {
        try (Context ctx = new Context(); Socket req = ctx.socket(SocketType.REQ)) {
            assertThatThrownBy(() -> req.set(Option.ROUTING_ID, new byte[256]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROUTING_ID").hasMessageContaining("256");
            byte[] longest = new byte[255];
            java.util.Arrays.fill(longest, (byte) 'x');
            req.set(Option.ROUTING_ID, longest);
            assertThat(req.get(Option.ROUTING_ID)).isEqualTo(longest);
        }
    }

    @Test
    void routingIdStartingWithZeroIsRefused() {
        try (Context ctx = new Context(); Socket req = ctx.socket(SocketType.REQ)) {
            assertThatThrownBy(() -> req.set(Option.ROUTING_ID, new byte[] {0, 'a'}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ROUTING_ID");
            assertThat(req.get(Option.ROUTING_ID)).isEmpty();
        }
    }

    @Test
    void otherOutOfRangeOptionsAreRefused() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.set(Option.MAXMSGSIZE, -2L)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAXMSGSIZE");
            assertThatThrownBy(() -> push.set(Option.RECONNECT_IVL_MAX, Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RECONNECT_IVL_MAX");
            assertThatThrownBy(() -> push.set(Option.TCP_KEEPALIVE, 2)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> push.set(Option.TCP_KEEPALIVE_IDLE, 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void contextWithNoIoThreadIsRefused() {
        assertThatThrownBy(() -> new Context(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ioThreads");
    }
}
