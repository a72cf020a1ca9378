package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.transports.TransportFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mechanism seam end to end, with {@link BoxMechanism} standing in for CURVE and ZAP: an
 * asynchronous answer resumes the handshake, a refusal is HANDSHAKE_FAILED_AUTH with its status
 * code, the user id reaches the messages, and once ready every frame, commands included, passes
 * through the mechanism's transform, a message over 1 MiB too. Over every transport with a wire.
 */
@Timeout(60)
class MechanismSeamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Context> contexts = new ArrayList<>();
    private final ExecutorService authenticator = Executors.newSingleThreadExecutor();

    @AfterEach
    void closeAll() {
        contexts.forEach(Context::close);
        authenticator.shutdownNow();
    }

    private Socket socket(SocketType type) {
        Context ctx = new Context();
        contexts.add(ctx);
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }


    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void aBoxedConnectionCarriesAMessageOverOneMebibyteAndItsCommands(TransportFixture fixture) {
        assumeTrue(fixture.supports(TransportFixture.Capability.WIRE), "mechanisms run on connections");
        BoxMechanism.Stats serverStats = new BoxMechanism.Stats();
        BoxMechanism.Stats clientStats = new BoxMechanism.Stats();
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(BoxMechanism.factory(true, peer -> true, authenticator, serverStats));
        push.mechanism(BoxMechanism.factory(false, null, authenticator, clientStats));
        for (Socket s : List.of(pull, push)) {
            // PINGs and PONGs are commands: they must be boxed too. The timeout is long: a loaded
            // machine may leave a connection silent for more than an interval, and an expiry
            // would test the reconnect instead of the transform.
            s.set(Option.HEARTBEAT_IVL, Duration.ofMillis(20));
            s.set(Option.HEARTBEAT_TIMEOUT, Duration.ofSeconds(30));
        }
        push.set(Option.METADATA, Map.of("X-User", "alice"));
        push.connect(pull.bind(fixture.endpoint()));

        byte[] big = new byte[(1 << 20) + 4096];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertThat(push.send(Message.of(new byte[][] {"head".getBytes(), big}), WAIT)).isTrue();
        Message got = pull.receive(WAIT);
        assertThat(got).isNotNull();
        assertThat(got.size()).isEqualTo(2);
        assertThat(got.frame(0).toUtf8()).isEqualTo("head");
        assertThat(Arrays.equals(got.frame(1).toByteArray(), big)).isTrue();
        assertThat(got.property("User-Id")).contains("alice");
        assertThat(got.property("X-User")).contains("alice");

        Await.until(() -> clientStats.commandsBoxed.get() > 0 && serverStats.commandsUnboxed.get() > 0
                        && serverStats.commandsBoxed.get() > 0 && clientStats.commandsUnboxed.get() > 0,
                WAIT, () -> "heartbeat commands boxed both ways: client " + clientStats.commandsBoxed + "/"
                        + clientStats.commandsUnboxed + ", server " + serverStats.commandsBoxed + "/" + serverStats.commandsUnboxed);
        assertThat(clientStats.framesBoxed.get()).isGreaterThanOrEqualTo(2);
        assertThat(serverStats.framesUnboxed.get()).isGreaterThanOrEqualTo(2);
        // Still connected after heartbeats went through the transform both ways.
        assertThat(push.send("after", WAIT)).isTrue();
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("after");
    }

    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void subscriptionsTravelBoxedAsCommands(TransportFixture fixture) {
        assumeTrue(fixture.supports(TransportFixture.Capability.WIRE), "mechanisms run on connections");
        BoxMechanism.Stats pubStats = new BoxMechanism.Stats();
        BoxMechanism.Stats subStats = new BoxMechanism.Stats();
        Socket pub = socket(SocketType.XPUB);
        Socket sub = socket(SocketType.SUB);
        pub.mechanism(BoxMechanism.factory(true, peer -> true, authenticator, pubStats));
        sub.mechanism(BoxMechanism.factory(false, null, authenticator, subStats));
        sub.set(Option.SUBSCRIBE, "news".getBytes());
        sub.connect(pub.bind(fixture.endpoint()));

        Message subscription = pub.receive(WAIT);
        assertThat(subscription).isNotNull();
        assertThat(subscription.first().toByteArray()).startsWith(1).endsWith("news".getBytes());
        assertThat(subStats.commandsBoxed.get()).as("SUBSCRIBE boxed").isGreaterThanOrEqualTo(1);
        assertThat(pubStats.commandsUnboxed.get()).as("SUBSCRIBE unboxed").isGreaterThanOrEqualTo(1);
        assertThat(pub.send("news: boxed", WAIT)).isTrue();
        assertThat(sub.receive(WAIT).toStrings()).containsExactly("news: boxed");
    }

    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void anAsynchronousRefusalIsHandshakeFailedAuthWithItsStatusCode(TransportFixture fixture) {
        assumeTrue(fixture.supports(TransportFixture.Capability.WIRE), "mechanisms run on connections");
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(BoxMechanism.factory(true, peer -> false, authenticator, new BoxMechanism.Stats()));
        push.mechanism(BoxMechanism.factory(false, null, authenticator, new BoxMechanism.Stats()));
        Monitor server = pull.monitor();
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        push.connect(pull.bind(fixture.endpoint()));

        SocketEvent auth = Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        assertThat(auth.value()).isEqualTo(400);
        assertThat(auth.reason()).contains("denied by the test authenticator");
        assertThat(Events.await(server, SocketEvent.Type.DISCONNECTED).reason()).contains("denied");
        assertThat(push.trySend("refused")).isTrue();
        assertThat(pull.receive(Duration.ofMillis(200))).isNull();
    }

    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void anAuthenticatorThatNeverAnswersRunsIntoHandshakeIvl(TransportFixture fixture) {
        assumeTrue(fixture.supports(TransportFixture.Capability.WIRE), "mechanisms run on connections");
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(BoxMechanism.factory(true, null, authenticator, new BoxMechanism.Stats()));
        push.mechanism(BoxMechanism.factory(false, null, authenticator, new BoxMechanism.Stats()));
        pull.set(Option.HANDSHAKE_IVL, Duration.ofMillis(200));
        Monitor server = pull.monitor();
        push.connect(pull.bind(fixture.endpoint()));

        long start = System.nanoTime();
        SocketEvent failed = Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(failed.reason()).contains("HANDSHAKE_IVL");
        assertThat(Events.await(server, SocketEvent.Type.DISCONNECTED).reason()).contains("handshake timeout");
    }

    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void theMechanismsMustMatch(TransportFixture fixture) {
        assumeTrue(fixture.supports(TransportFixture.Capability.WIRE), "mechanisms run on connections");
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(BoxMechanism.factory(true, peer -> true, authenticator, new BoxMechanism.Stats()));
        Monitor server = pull.monitor();
        push.connect(pull.bind(fixture.endpoint()));

        SocketEvent failed = Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
        assertThat(failed.reason()).contains("peer mechanism: NULL (expected: TESTBOX)");
    }
}
