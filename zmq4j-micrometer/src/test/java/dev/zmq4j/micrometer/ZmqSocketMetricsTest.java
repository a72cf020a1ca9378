package dev.zmq4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.auth.Authenticator;
import dev.zmq4j.security.CurveKeyPair;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ZmqSocketMetrics on a SimpleMeterRegistry: each meter moves as traffic and connections do. */
@Timeout(60)
class ZmqSocketMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Context ctx = new Context();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    private double counter(String meter, String name, String... tags) {
        return registry.get(meter).tag("name", name).tags(tags).functionCounter().count();
    }

    private double gauge(String meter, String name, String... tags) {
        return registry.get(meter).tag("name", name).tags(tags).gauge().value();
    }

    /** Waits until {@code read} gives {@code expected}. */
    private static void awaitValue(java.util.function.DoubleSupplier read, double expected, String what) {
        Await.until(() -> read.getAsDouble() == expected, WAIT, () -> what + ": " + read.getAsDouble() + " (expected: " + expected + ")");
    }

    @Test
    void messagesAndBytesCountAsTrafficFlowsOverTcp() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        ZmqSocketMetrics.monitor(registry, pull, "jobs-in");
        ZmqSocketMetrics.monitor(registry, push, "jobs-out");
        assertThat(counter(ZmqSocketMetrics.MESSAGES, "jobs-out", "direction", "out")).isZero();
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        for (int i = 0; i < 100; i++) {
            assertThat(push.send(new byte[10], WAIT)).isTrue();
        }
        for (int i = 0; i < 100; i++) {
            assertThat(pull.receiveBytes(WAIT)).hasSize(10);
        }
        awaitValue(() -> counter(ZmqSocketMetrics.MESSAGES, "jobs-out", "direction", "out"), 100, "messages out");
        assertThat(counter(ZmqSocketMetrics.BYTES, "jobs-out", "direction", "out")).isEqualTo(1000);
        assertThat(counter(ZmqSocketMetrics.MESSAGES, "jobs-out", "direction", "in")).isZero();
        assertThat(counter(ZmqSocketMetrics.MESSAGES, "jobs-in", "direction", "in")).isEqualTo(100);
        assertThat(counter(ZmqSocketMetrics.BYTES, "jobs-in", "direction", "in")).isEqualTo(1000);
        assertThat(registry.get(ZmqSocketMetrics.MESSAGES).tag("name", "jobs-in").tag("direction", "in").meter().getId().getTag("type"))
                .isEqualTo("PULL");
    }

    @Test
    void messagesDroppedAtTheHighWaterMarkAreCounted() {
        Socket pub = socket(SocketType.PUB);
        Socket sub = socket(SocketType.SUB);
        pub.set(Option.SNDHWM, 10);
        sub.set(Option.RCVHWM, 10);
        sub.set(Option.SUBSCRIBE, new byte[0]);
        sub.connect(pub.bind("inproc://metrics-hwm"));
        Await.until(() -> pub.trySend("sync") && sub.receive(Duration.ofMillis(20)) != null, WAIT, "subscription reached the PUB");
        while (sub.receive(Duration.ofMillis(100)) != null) {
            continue;
        }
        ZmqSocketMetrics.monitor(registry, pub, "news");
        double before = counter(ZmqSocketMetrics.DROPPED, "news");
        for (int i = 0; i < 200; i++) {
            assertThat(pub.trySend("news " + i)).isTrue();
        }
        // An in-process pipe holds SNDHWM + RCVHWM messages; the subscriber reads none of them.
        assertThat(counter(ZmqSocketMetrics.DROPPED, "news") - before).isEqualTo(180);
    }

    @Test
    void queueDepthsShowWhatWaitsOnEachSide() {
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        ZmqSocketMetrics.monitor(registry, push, "out");
        ZmqSocketMetrics.monitor(registry, pull, "in");
        String ep = Await.freeEndpoint();
        push.connect(ep);
        for (int i = 0; i < 10; i++) {
            assertThat(push.trySend("queued " + i)).isTrue();
        }
        assertThat(gauge(ZmqSocketMetrics.QUEUED, "out", "direction", "out")).isEqualTo(10);
        pull.bind(ep);
        awaitValue(() -> gauge(ZmqSocketMetrics.QUEUED, "in", "direction", "in"), 10, "queued in");
        assertThat(gauge(ZmqSocketMetrics.QUEUED, "out", "direction", "out")).isZero();
        assertThat(pull.receiveString()).isEqualTo("queued 0");
        assertThat(gauge(ZmqSocketMetrics.QUEUED, "in", "direction", "in")).isEqualTo(9);
    }

    @Test
    void connectionsFallWhenThePeerDiesAndReconnectsCountUntilItIsBack() {
        Socket push = socket(SocketType.PUSH);
        ZmqSocketMetrics.monitor(registry, push, "client");
        String ep;
        try (Socket first = socket(SocketType.PULL)) {
            ep = first.bind("tcp://127.0.0.1:*");
            ZmqSocketMetrics server = ZmqSocketMetrics.monitor(registry, first, "server");
            push.connect(ep);
            assertThat(push.send("hello", WAIT)).isTrue();
            assertThat(first.receiveString()).isEqualTo("hello");
            awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "client"), 1, "client connections");
            awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "server"), 1, "server connections");
            assertThat(counter(ZmqSocketMetrics.RECONNECTS, "client")).isZero();
            server.close();
        }
        awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "client"), 0, "client connections after the server died");
        Await.until(() -> counter(ZmqSocketMetrics.RECONNECTS, "client") >= 1, WAIT, "a reconnect counted");
        assertThat(counter(ZmqSocketMetrics.DISCONNECTS, "client")).isEqualTo(1);
        try (Socket second = socket(SocketType.PULL)) {
            assertThat(second.bind(ep)).isEqualTo(ep);
            awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "client"), 1, "client connections after the restart");
        }
    }

    @Test
    void aPlainPasswordRefusedByZapCountsAsAnAuthFailureOnBothSides() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        try (Authenticator auth = Authenticator.install(ctx)) {
            auth.plain(Map.of("alice", "secret"));
            pull.set(Option.PLAIN_SERVER, true);
            push.set(Option.PLAIN_USERNAME, "alice");
            push.set(Option.PLAIN_PASSWORD, "wrong");
            ZmqSocketMetrics.monitor(registry, pull, "server");
            ZmqSocketMetrics.monitor(registry, push, "client");
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            Await.until(() -> counter(ZmqSocketMetrics.HANDSHAKE_FAILURES, "server", "reason", "auth") >= 1
                    && counter(ZmqSocketMetrics.HANDSHAKE_FAILURES, "client", "reason", "auth") >= 1, WAIT, "auth failures counted");
            assertThat(counter(ZmqSocketMetrics.HANDSHAKE_FAILURES, "server", "reason", "protocol")).isZero();
            assertThat(counter(ZmqSocketMetrics.MESSAGES, "server", "direction", "in")).isZero();
        }
    }

    @Test
    void aCurveClientWithTheWrongServerKeyCountsAsAProtocolFailureAtTheServer() {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.set(Option.CURVE_SERVER, true);
        pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        push.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
        push.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
        push.set(Option.CURVE_SERVERKEY, CurveKeyPair.generate().publicKey());
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        ZmqSocketMetrics.monitor(registry, pull, "server");
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        awaitValue(() -> counter(ZmqSocketMetrics.HANDSHAKE_FAILURES, "server", "reason", "protocol"), 1, "protocol failures");
        assertThat(counter(ZmqSocketMetrics.HANDSHAKE_FAILURES, "server", "reason", "auth")).isZero();
        awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "server"), 0, "server connections");
    }

    @Test
    void closeRemovesTheMetersFromEveryRegistryAndFurtherBindsFail() {
        MeterRegistry other = new SimpleMeterRegistry();
        Socket rep = socket(SocketType.REP);
        ZmqSocketMetrics metrics = ZmqSocketMetrics.monitor(rep, "service", Tag.of("zone", "a"));
        metrics.bindTo(registry);
        metrics.bindTo(other);
        assertThat(names(registry)).containsExactlyInAnyOrder(ZmqSocketMetrics.MESSAGES, ZmqSocketMetrics.BYTES,
                ZmqSocketMetrics.DROPPED, ZmqSocketMetrics.QUEUED, ZmqSocketMetrics.CONNECTIONS, ZmqSocketMetrics.RECONNECTS,
                ZmqSocketMetrics.DISCONNECTS, ZmqSocketMetrics.HANDSHAKE_FAILURES);
        assertThat(registry.getMeters()).hasSize(13)
                .allSatisfy(m -> assertThat(m.getId().getTags()).contains(Tag.of("name", "service"), Tag.of("type", "REP"), Tag.of("zone", "a")));
        assertThat(other.getMeters()).hasSize(13);
        metrics.close();
        assertThat(registry.getMeters()).isEmpty();
        assertThat(other.getMeters()).isEmpty();
        assertThatThrownBy(() -> metrics.bindTo(registry)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        metrics.close();
    }

    @Test
    void closingTheSocketRemovesItsMetersFromEveryRegistryAndLeavesTheOthers() {
        MeterRegistry other = new SimpleMeterRegistry();
        Socket push = socket(SocketType.PUSH);
        Socket pull = socket(SocketType.PULL);
        ZmqSocketMetrics in = ZmqSocketMetrics.monitor(registry, pull, "in");
        in.bindTo(other);
        ZmqSocketMetrics out = ZmqSocketMetrics.monitor(registry, push, "out");
        push.connect(pull.bind("inproc://metrics-closed"));
        assertThat(push.send("one", WAIT)).isTrue();
        assertThat(pull.receiveString()).isEqualTo("one");
        assertThat(registry.getMeters()).hasSize(26);
        pull.close();
        assertThat(registry.find(ZmqSocketMetrics.MESSAGES).tag("name", "in").meters()).isEmpty();
        assertThat(registry.getMeters()).hasSize(13).allSatisfy(m -> assertThat(m.getId().getTag("name")).isEqualTo("out"));
        assertThat(other.getMeters()).isEmpty();
        assertThat(counter(ZmqSocketMetrics.MESSAGES, "out", "direction", "out")).isEqualTo(1);
        // Closing the binder after its socket is harmless; binding it again registers nothing.
        in.bindTo(registry);
        in.close();
        in.close();
        assertThat(registry.getMeters()).hasSize(13);
        out.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void closingTheContextRemovesTheMetersOfItsSockets() {
        Context own = new Context();
        ZmqSocketMetrics.monitor(registry, own.socket(SocketType.PUB), "feed");
        ZmqSocketMetrics.monitor(registry, own.socket(SocketType.SUB), "reader");
        ZmqSocketMetrics.monitor(registry, socket(SocketType.REQ), "elsewhere");
        assertThat(registry.getMeters()).hasSize(39);
        own.close();
        assertThat(registry.getMeters()).hasSize(13).allSatisfy(m -> assertThat(m.getId().getTag("name")).isEqualTo("elsewhere"));
    }

    @Test
    void aBinderForAnAlreadyClosedSocketRegistersNothing() {
        Socket rep = socket(SocketType.REP);
        rep.close();
        ZmqSocketMetrics metrics = ZmqSocketMetrics.monitor(registry, rep, "gone");
        assertThat(registry.getMeters()).isEmpty();
        metrics.close();
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void aBinderClosedFirstNoLongerWaitsForItsSocket() {
        Socket dealer = socket(SocketType.DEALER);
        ZmqSocketMetrics first = ZmqSocketMetrics.monitor(registry, dealer, "first");
        first.close();
        ZmqSocketMetrics.monitor(registry, dealer, "second");
        assertThat(registry.getMeters()).hasSize(13);
        dealer.close();
        assertThat(registry.getMeters()).isEmpty();
        assertThatThrownBy(() -> first.bindTo(registry)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void tagsAreLowCardinalityWhateverThePeers() {
        Socket router = socket(SocketType.ROUTER);
        ZmqSocketMetrics.monitor(registry, router, "hub");
        String ep = router.bind("tcp://127.0.0.1:*");
        for (int i = 0; i < 3; i++) {
            Socket dealer = socket(SocketType.DEALER);
            dealer.connect(ep);
            assertThat(dealer.send(Message.of("hi"), WAIT)).isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(router.receive(WAIT)).isNotNull();
        }
        awaitValue(() -> gauge(ZmqSocketMetrics.CONNECTIONS, "hub"), 3, "router connections");
        assertThat(registry.getMeters()).hasSize(13);
        assertThat(counter(ZmqSocketMetrics.MESSAGES, "hub", "direction", "in")).isEqualTo(3);
    }

    private static Set<String> names(MeterRegistry r) {
        return r.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).collect(Collectors.toSet());
    }
}
