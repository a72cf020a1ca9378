package dev.zmq4j;

import dev.zmq4j.security.CurveKeyPair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.mechanism.curve.Curve;
import dev.zmq4j.mechanism.curve.CurveKeys;
import dev.zmq4j.security.Z85;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.Zap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CURVE between zmq4j sockets over tcp, through the package-private mechanism seam
 * ({@link Socket#mechanism}): PUSH/PULL with small, multipart and 16 MiB messages, PUB/SUB with
 * the subscriptions boxed as commands, heartbeats boxed both ways, the client's key and the ZAP
 * user id on the messages, and the failures a client sees (wrong server key, a ZAP refusal).
 */
@Timeout(120)
class CurveSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<Context> contexts = new ArrayList<>();
    private final ExecutorService zapThread = Executors.newSingleThreadExecutor();
    private final CurveKeyPair serverKeys = CurveKeyPair.generate();
    private final CurveKeyPair clientKeys = CurveKeyPair.generate();

    @AfterEach
    void closeAll() {
        contexts.forEach(Context::close);
        zapThread.shutdownNow();
    }

    private Socket socket(SocketType type) {
        Context ctx = new Context();
        contexts.add(ctx);
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /** A ZAP handler answering {@code code} (user id {@code alice} on 200) on its own thread. */
    private Zap zap(int code) {
        return (request, reply) -> {
            zapThread.execute(() -> reply.accept(new Zap.Reply(request.requestId(), code, "test", "alice", Metadata.empty())));
            return true;
        };
    }

    private MechanismFactory server(Zap zap) {
        return Curve.server(serverKeys.secretKey(), zap, "test", null);
    }

    private MechanismFactory client(byte[] serverKey) {
        return Curve.client(clientKeys.publicKey(), clientKeys.secretKey(), serverKey);
    }

    @Test
    void pushPullCarriesMessagesInOrderAnd16MiBWithTheClientsKeyAndUserId() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(server(zap(200)));
        push.mechanism(client(serverKeys.publicKey()));
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        byte[] big = new byte[16 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + (i >>> 13));
        }
        assertThat(push.send(Message.of(new byte[][] {"head".getBytes(), new byte[0], big}), WAIT)).isTrue();
        Message got = pull.receive(WAIT);
        assertThat(got).isNotNull();
        assertThat(got.size()).isEqualTo(3);
        assertThat(got.frame(0).toUtf8()).isEqualTo("head");
        assertThat(got.frame(1).toByteArray()).isEmpty();
        assertThat(Arrays.equals(got.frame(2).toByteArray(), big)).as("16 MiB intact").isTrue();
        assertThat(got.property("User-Id")).contains("alice");
        assertThat(got.property(Curve.PUBLIC_KEY_PROPERTY)).contains(Z85.encode(clientKeys.publicKey()));
        assertThat(got.property("Socket-Type")).contains("PUSH");

        for (int i = 0; i < 1000; i++) {
            assertThat(push.send("m" + i, WAIT)).isTrue();
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("m" + i);
        }
    }

    @Test
    void heartbeatsTravelBoxedBothWaysAndKeepTheConnection() {
        AtomicInteger serverCommands = new AtomicInteger();
        AtomicInteger clientCommands = new AtomicInteger();
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(countingCommands(server(null), serverCommands));
        push.mechanism(countingCommands(client(serverKeys.publicKey()), clientCommands));
        for (Socket s : List.of(pull, push)) {
            s.set(Option.HEARTBEAT_IVL, Duration.ofMillis(20));
            s.set(Option.HEARTBEAT_TIMEOUT, Duration.ofMillis(500));
        }
        Monitor server = pull.monitor();
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        Await.until(() -> serverCommands.get() >= 10 && clientCommands.get() >= 10, WAIT,
                () -> "boxed PING/PONG commands decoded: server " + serverCommands + ", client " + clientCommands);
        assertThat(push.send("after heartbeats", WAIT)).isTrue();
        assertThat(pull.receive(WAIT).toStrings()).containsExactly("after heartbeats");
        List<SocketEvent.Type> seen = new ArrayList<>();
        for (SocketEvent e; (e = server.next(Duration.ZERO)) != null; ) {
            seen.add(e.type());
        }
        assertThat(seen).contains(SocketEvent.Type.HANDSHAKE_SUCCEEDED).doesNotContain(SocketEvent.Type.DISCONNECTED);
    }

    /** {@code factory}'s mechanisms, with a transform that counts the commands it decodes. */
    private static MechanismFactory countingCommands(MechanismFactory factory, AtomicInteger commands) {
        return c -> new CountingMechanism(factory.create(c), commands);
    }

    @Test
    void subscriptionsTravelBoxedAndFilterAtThePublisher() {
        Socket pub = socket(SocketType.XPUB);
        Socket sub = socket(SocketType.SUB);
        pub.mechanism(server(null));
        sub.mechanism(client(serverKeys.publicKey()));
        sub.set(Option.SUBSCRIBE, "news".getBytes());
        sub.connect(pub.bind("tcp://127.0.0.1:*"));

        Message subscription = pub.receive(WAIT);
        assertThat(subscription).as("the SUBSCRIBE command, unboxed at the publisher").isNotNull();
        assertThat(subscription.first().toByteArray()).startsWith(1).endsWith("news".getBytes());
        assertThat(pub.send("other: filtered out", WAIT)).isTrue();
        assertThat(pub.send("news: boxed", WAIT)).isTrue();
        assertThat(sub.receive(WAIT).toStrings()).containsExactly("news: boxed");

        sub.set(Option.UNSUBSCRIBE, "news".getBytes());
        Message cancel = pub.receive(WAIT);
        assertThat(cancel).as("the CANCEL command, unboxed at the publisher").isNotNull();
        assertThat(cancel.first().toByteArray()).startsWith(0).endsWith("news".getBytes());
    }

    @Test
    void aWrongServerKeyFailsTheHandshakeAsAProtocolErrorAndNothingPasses() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(server(null));
        push.mechanism(client(CurveKeyPair.generate().publicKey()));
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        Monitor server = pull.monitor();
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        SocketEvent failed = Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL);
        assertThat(failed.reason()).contains("HELLO: signature box does not open");
        assertThat(push.trySend("never")).isTrue();
        assertThat(pull.receive(Duration.ofMillis(200))).isNull();
    }

    @Test
    void aZapRefusalIsHandshakeFailedAuthWith400OnBothSides() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        pull.mechanism(server(zap(400)));
        push.mechanism(client(serverKeys.publicKey()));
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        Monitor server = pull.monitor();
        Monitor client = push.monitor();
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        assertThat(Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
        assertThat(Events.await(client, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
    }
}
