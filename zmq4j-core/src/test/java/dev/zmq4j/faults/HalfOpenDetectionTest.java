package dev.zmq4j.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Events;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Heartbeats close a half-open link (the relay stops forwarding and closes nothing, so tcp alone
 * would never notice) within their bound, on both sides, again and again; the link is measured
 * each time from the moment it went half-open to DISCONNECTED.
 *
 * <p>The bound: a PING goes out every HEARTBEAT_IVL, and HEARTBEAT_TIMEOUT after a PING with no
 * traffic since, the connection is closed. The last PING before the link went half-open may have
 * been answered, so the first unanswered one leaves up to one interval later: detection takes
 * between HEARTBEAT_TIMEOUT - HEARTBEAT_IVL and HEARTBEAT_IVL + HEARTBEAT_TIMEOUT.
 */
@Timeout(60)
class HalfOpenDetectionTest {
    private static final Duration IVL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    /** Timer and scheduling delay allowed on a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(700);
    private static final int ROUNDS = 8;

    @Test
    void heartbeatsCloseAHalfOpenLinkWithinTheirTimeoutOnBothSides() throws Exception {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            for (Socket s : new Socket[] {pull, push}) {
                s.set(Option.HEARTBEAT_IVL, IVL);
                s.set(Option.HEARTBEAT_TIMEOUT, TIMEOUT);
                s.set(Option.LINGER, Duration.ZERO);
            }
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(20));
            String ep = pull.bind("tcp://127.0.0.1:*");
            List<Long> pushMillis = new ArrayList<>();
            List<Long> pullMillis = new ArrayList<>();
            try (ChaosRelay relay = new ChaosRelay(ep);
                 Monitor pushEvents = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
                 Monitor pullEvents = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
                push.connect(relay.endpoint());
                for (int round = 0; round < ROUNDS; round++) {
                    Events.await(pushEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                    Events.await(pullEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                    assertThat(push.send("round " + round, Duration.ofSeconds(10))).isTrue();
                    assertThat(pull.receive(Duration.ofSeconds(10)).toStrings()).containsExactly("round " + round);
                    // Let PINGs flow for a few intervals: they keep the link up (no event).
                    assertThat(pushEvents.next(IVL.multipliedBy(4))).isNull();

                    relay.halfOpen();
                    long t0 = System.nanoTime();
                    SocketEvent pushLost = Events.await(pushEvents, SocketEvent.Type.DISCONNECTED);
                    long pushNanos = System.nanoTime() - t0;
                    SocketEvent pullLost = Events.await(pullEvents, SocketEvent.Type.DISCONNECTED);
                    long pullNanos = System.nanoTime() - t0;
                    assertThat(pushLost.reason()).contains("heartbeat timeout");
                    assertThat(pullLost.reason()).contains("heartbeat timeout");
                    pushMillis.add(Duration.ofNanos(pushNanos).toMillis());
                    pullMillis.add(Duration.ofNanos(pullNanos).toMillis());
                    relay.heal();
                }
            }
            LongSummaryStatistics all = new LongSummaryStatistics();
            for (long ms : pushMillis) {
                all.accept(ms);
            }
            for (long ms : pullMillis) {
                all.accept(ms);
            }
            System.out.printf("half-open detected (HEARTBEAT_IVL %d ms, HEARTBEAT_TIMEOUT %d ms), %d rounds: push %s ms, pull %s ms; min %d, mean %.0f, max %d ms%n",
                    IVL.toMillis(), TIMEOUT.toMillis(), ROUNDS, pushMillis, pullMillis, all.getMin(), all.getAverage(), all.getMax());
            // The pull's time includes reading the push's event first, so it is checked for the upper bound only.
            assertThat(pushMillis).allSatisfy(ms -> assertThat(ms).isGreaterThanOrEqualTo(TIMEOUT.minus(IVL).toMillis() - 20));
            long bound = IVL.plus(TIMEOUT).plus(SLACK).toMillis();
            assertThat(pushMillis).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(bound));
            assertThat(pullMillis).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(bound));
        }
    }
}
