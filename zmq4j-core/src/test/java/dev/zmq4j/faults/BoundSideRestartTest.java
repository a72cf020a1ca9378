package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Events;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound side restarts, again and again, on the same endpoint: the connecting PUSH notices each
 * time, reconnects to the new PULL, and what it queued while the PULL was down arrives there, in
 * order. Measures how long each reconnect takes from the new bind.
 */
@Timeout(60)
class BoundSideRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RECONNECT_IVL = Duration.ofMillis(50);
    private static final int RESTARTS = 10;
    private static final int QUEUED_WHILE_DOWN = 100;

    @Test
    void theConnectingSideReconnectsAndTrafficResumesAfterEachRestart() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH);
             Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            push.set(Option.LINGER, Duration.ZERO);
            push.set(Option.RECONNECT_IVL, RECONNECT_IVL);
            Socket pull = ctx.socket(SocketType.PULL);
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            List<Long> reconnectMillis = new ArrayList<>();
            try {
                for (int restart = 0; restart < RESTARTS; restart++) {
                    pull.close();
                    Events.await(pushEvents, SocketEvent.Type.DISCONNECTED);
                    // Down: these wait in the PUSH's queue for the next connection.
                    for (int i = 0; i < QUEUED_WHILE_DOWN; i++) {
                        assertThat(push.send(restart + ":" + i, WAIT)).isTrue();
                    }
                    pull = bindAgain(ctx, ep);
                    long boundAt = System.nanoTime();
                    Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                    reconnectMillis.add(Duration.ofNanos(System.nanoTime() - boundAt).toMillis());
                    for (int i = 0; i < QUEUED_WHILE_DOWN; i++) {
                        assertThat(pull.receive(WAIT).toStrings()).containsExactly(restart + ":" + i);
                    }
                    assertThat(push.send("live " + restart, WAIT)).isTrue();
                    assertThat(pull.receive(WAIT).toStrings()).containsExactly("live " + restart);
                }
            } finally {
                pull.close();
            }
            System.out.printf("bound side restarted %d times: reconnect after the new bind took %s ms (RECONNECT_IVL %d ms)%n",
                    RESTARTS, reconnectMillis, RECONNECT_IVL.toMillis());
            // A reconnect is due every RECONNECT_IVL; the rest is scheduling and the handshake.
            assertThat(reconnectMillis).allSatisfy(ms -> assertThat(ms).isLessThan(RECONNECT_IVL.toMillis() + 2_000));
        }
    }

    /** Binds a new PULL to {@code ep}, retrying while the old listener's port is still held. */
    private static Socket bindAgain(Context ctx, String ep) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            Socket s = ctx.socket(SocketType.PULL);
            try {
                s.bind(ep);
                return s;
            } catch (ZmqException.AddressInUseException e) {
                s.close();
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }
}
