package dev.zmq4j.patterns.ppp;

import dev.zmq4j.patterns.Heartbeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PppValuesTest {
    @Test
    void commandsAreOneFrameOfOneByteAsRfc6Says() {
        assertThat(Command.READY.message().size()).isEqualTo(1);
        assertThat(Command.READY.message().first().toByteArray()).containsExactly(0x01);
        assertThat(Command.HEARTBEAT.message().first().toByteArray()).containsExactly(0x02);
    }

    @Test
    void parsesOnlyASingleKnownByteAfterTheGivenFrame() {
        Frame id = Frame.of("worker");
        assertThat(Command.parse(Message.of(id, Frame.of(new byte[] {1})), 1)).isEqualTo(Command.READY);
        assertThat(Command.parse(Message.of(id, Frame.of(new byte[] {2})), 1)).isEqualTo(Command.HEARTBEAT);
        assertThat(Command.parse(Message.of(new byte[] {2}), 0)).isEqualTo(Command.HEARTBEAT);
        assertThat(Command.parse(Message.of(id, Frame.of(new byte[] {3})), 1)).isNull();
        assertThat(Command.parse(Message.of(id, Frame.of(new byte[] {1, 1})), 1)).isNull();
        assertThat(Command.parse(Message.of(id, Frame.EMPTY), 1)).isNull();
        assertThat(Command.parse(Message.of(id, Frame.of(new byte[] {1}), Frame.EMPTY), 1)).isNull();
    }

    @Test
    void backoffDoublesUpToItsMaximum() {
        Backoff b = Backoff.DEFAULT;
        Duration d = b.initial();
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            seen.append(d.toSeconds()).append(' ');
            d = b.next(d);
        }
        assertThat(seen.toString().trim()).isEqualTo("1 2 4 8 16 32 32 32");
        assertThat(new Backoff(Duration.ofMillis(300), Duration.ofMillis(500)).next(Duration.ofMillis(300)))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void heartbeatExpiryIsLivenessIntervals() {
        assertThat(Heartbeat.PPP.expiry()).isEqualTo(Duration.ofSeconds(3));
        assertThat(new Heartbeat(Duration.ofMillis(100), 5).expiry()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsOutOfRangeSettings() {
        assertThatThrownBy(() -> new Heartbeat(Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval: PT0S");
        assertThatThrownBy(() -> new Heartbeat(Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liveness: 0");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max: PT1S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial: PT-1S");
    }

    @Test
    void workerPoolHandsOutTheLongestIdleWorkerAndPurgesExpiredOnes() {
        WorkerPool pool = new WorkerPool(1000);
        Frame a = Frame.of("a");
        Frame b = Frame.of("b");
        Frame c = Frame.of("c");
        pool.ready(a, 0);
        pool.ready(b, 10);
        pool.ready(c, 20);
        pool.ready(a, 30); // ready again: to the back of the line
        assertThat(pool.next()).isEqualTo(b);
        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(pool.heard(b, 2000)).isTrue();
        assertThat(pool.heard(Frame.of("unknown"), 2000)).isFalse();
        // c expires at 1020, a at 1030, b (busy) at 3000.
        assertThat(pool.purge(1025)).containsExactly(c);
        assertThat(pool.next()).isEqualTo(a);
        assertThat(pool.next()).isNull();
        assertThat(pool.purge(1031)).containsExactly(a);
        assertThat(pool.size()).isEqualTo(1);
        assertThat(pool.ids()).containsExactly(b);
    }
}
