package dev.zmq4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Micrometer snippet of docs/GUIDE.md, run; zmq4j-core's {@code GuideSyncTest} checks that
 * the snippet's lines appear here, in order, after the marker.
 */
@Timeout(60)
class GuideMetricsExampleTest {
    @Test
    @SuppressWarnings("try")   // the binder is a resource for its close(), as the guide shows
    void socketMetersInARegistry() {
        // guide: micrometer
        MeterRegistry registry = new SimpleMeterRegistry();       // or Prometheus, Datadog, ...
        try (Context ctx = new Context();
             Socket orders = ctx.socket(SocketType.PULL);
             Socket client = ctx.socket(SocketType.PUSH);
             ZmqSocketMetrics metrics = ZmqSocketMetrics.monitor(registry, orders, "orders-in")) {
            client.connect(orders.bind("tcp://127.0.0.1:*"));
            client.send("order 1");
            orders.receive();
            double received = registry.get("zmq.socket.messages")
                    .tags("name", "orders-in", "direction", "in").functionCounter().count(); // 1.0
            assertThat(received).isEqualTo(1.0);
            assertThat(registry.get("zmq.socket.queued").tags("name", "orders-in", "direction", "in").gauge().value()).isZero();
        }
        assertThat(registry.getMeters()).as("closing the binder removed its meters").isEmpty();
    }
}
