package dev.zmq4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Prometheus example of docs/fragments/metrics.md (the README's metrics section), run: keep
 * the code between the markers in sync with the fragment's snippet. The scrape is read with
 * {@code HttpURLConnection}, as a Prometheus server would read it over HTTP.
 */
@Timeout(60)
class PrometheusExampleTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theSocketsMetersAreScrapedInPrometheusFormat() throws Exception {
        try (Context context = new Context(); Socket orders = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            push.connect(orders.bind("tcp://127.0.0.1:*"));
            int port = 0;   // the fragment says 9404; any free port here

            // --- snippet: docs/fragments/metrics.md ---
            PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            ZmqSocketMetrics metrics = ZmqSocketMetrics.monitor(prometheus, orders, "orders-in");

            HttpServer http = HttpServer.create(new InetSocketAddress(port), 0);
            http.createContext("/metrics", exchange -> {
                byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            // --- end of snippet ---

            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(push.send("order " + i, WAIT)).isTrue();
                    assertThat(orders.receiveString()).isEqualTo("order " + i);
                }
                URL url = new URL("http://127.0.0.1:" + http.getAddress().getPort() + "/metrics");
                String[] body = new String[1];
                Await.until(() -> {
                    body[0] = get(url);
                    return body[0].contains("zmq_socket_messages_total{direction=\"in\",name=\"orders-in\",type=\"PULL\"} 3.0");
                }, WAIT, () -> "scrape:\n" + body[0]);
                assertThat(body[0])
                        .contains("zmq_socket_bytes_total{direction=\"in\",name=\"orders-in\",type=\"PULL\"} 21.0")
                        .contains("zmq_socket_connections{name=\"orders-in\",type=\"PULL\"} 1.0")
                        .contains("zmq_socket_queued_messages{direction=\"in\",name=\"orders-in\",type=\"PULL\"} 0.0")
                        .contains("zmq_socket_dropped_messages_total{name=\"orders-in\",type=\"PULL\"} 0.0")
                        .contains("zmq_socket_handshake_failures_total{name=\"orders-in\",reason=\"auth\",type=\"PULL\"} 0.0");
            } finally {
                http.stop(0);
                metrics.close();
            }
            assertThat(prometheus.scrape()).doesNotContain("zmq_socket");
        }
    }

    private static String get(URL url) {
        try {
            HttpURLConnection c = (HttpURLConnection) url.openConnection();
            c.setConnectTimeout(5000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                assertThat(c.getResponseCode()).isEqualTo(200);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
