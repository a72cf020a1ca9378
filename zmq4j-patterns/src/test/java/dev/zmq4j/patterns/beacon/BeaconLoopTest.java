package dev.zmq4j.patterns.beacon;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The beacon's thread on its own, with a sender that fails as a network outage would. */
@Timeout(60)
class BeaconLoopTest {
    @Test
    void keepsSendingThroughTransientSendErrors() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        BeaconLoop.Announcer flaky = () -> {
            if (calls.incrementAndGet() <= 5) {
                throw new SocketException("Network is unreachable");
            }
            sent.incrementAndGet();
        };
        BeaconLoop loop = new BeaconLoop("test beacon", flaky, 1, null, Beacon.builder(9).interval(Duration.ofMillis(10)));
        loop.start();
        try {
            Await.until(() -> sent.get() >= 3, Duration.ofSeconds(20), "sends resumed after 5 failures (calls: " + calls + ")");
        } finally {
            assertThat(loop.markClosed()).isTrue();
            loop.stop(Beacon.CLOSE_WAIT);
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(8);
    }
}
