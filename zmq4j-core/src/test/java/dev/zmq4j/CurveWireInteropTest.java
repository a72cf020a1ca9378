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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CURVE against libzmq 4.3 (pyzmq, {@code interop/curve_peer.py}), the proof that the crypto and
 * the framing are libzmq's: zmq4j as client of a libzmq server and as server of a libzmq client,
 * messages up to 16 MiB, libzmq's boxed heartbeats, subscriptions boxed as commands, a libzmq ZAP
 * refusal and a wrong server key.
 */
@Timeout(120)
class CurveWireInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<Context> contexts = new ArrayList<>();
    private final List<CurvePythonPeer> peers = new ArrayList<>();
    private final ExecutorService zapThread = Executors.newSingleThreadExecutor();
    private final CurveKeyPair keys = CurveKeyPair.generate();

    @BeforeEach
    void needPython() {
        CurvePythonPeer.assumeAvailable();
    }

    @AfterEach
    void closeAll() {
        contexts.forEach(Context::close);
        peers.forEach(CurvePythonPeer::close);
        zapThread.shutdownNow();
    }

    private Socket socket(SocketType type) {
        Context ctx = new Context();
        contexts.add(ctx);
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    private CurvePythonPeer python(String... args) {
        CurvePythonPeer p = CurvePythonPeer.start(args);
        peers.add(p);
        return p;
    }

    private MechanismFactory clientOf(String serverKeyZ85) {
        return Curve.client(keys.publicKey(), keys.secretKey(), Z85.decode(serverKeyZ85));
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i ^ (i >>> 9));
        }
        return b;
    }

    private static void assertEcho(Socket req, Message request) {
        assertThat(req.send(request, WAIT)).isTrue();
        Message reply = req.receive(WAIT);
        assertThat(reply).as("the echo of a %d-frame request", request.size()).isNotNull();
        assertThat(reply.size()).isEqualTo(request.size());
        for (int i = 0; i < request.size(); i++) {
            assertThat(Arrays.equals(reply.frame(i).toByteArray(), request.frame(i).toByteArray())).as("frame %d", i).isTrue();
        }
    }

    @Test
    void aZmq4jClientTalksToALibzmqServerUpTo16MiBAndThroughItsHeartbeats() {
        CurvePythonPeer server = python("rep");
        String[] bound = server.await("SERVER");
        AtomicInteger commands = new AtomicInteger();
        Socket req = socket(SocketType.REQ);
        req.mechanism(c -> new CountingMechanism(clientOf(bound[1]).create(c), commands));
        req.set(Option.HEARTBEAT_IVL, Duration.ofMillis(20));
        req.set(Option.HEARTBEAT_TIMEOUT, Duration.ofSeconds(5));
        Monitor monitor = req.monitor();
        req.connect("tcp://127.0.0.1:" + bound[2]);

        assertEcho(req, Message.of("hello"));
        assertEcho(req, Message.of(new byte[][] {"a".getBytes(), new byte[0], pattern(255), pattern(256)}));
        assertEcho(req, Message.of(pattern(1 << 20)));
        assertEcho(req, Message.of(pattern(16 << 20)));
        for (int i = 0; i < 200; i++) {
            assertEcho(req, Message.of("small " + i));
        }
        // libzmq PINGs every 20 ms and PONGs ours: commands it boxed, opened here.
        Await.until(() -> commands.get() >= 10, WAIT, () -> "boxed commands from libzmq: " + commands);
        assertEcho(req, Message.of("END"));
        assertThat(server.await("OK")).containsExactly("OK", "204");

        List<SocketEvent.Type> seen = new ArrayList<>();
        for (SocketEvent e; (e = monitor.next(Duration.ZERO)) != null; ) {
            seen.add(e.type());
        }
        assertThat(seen).contains(SocketEvent.Type.HANDSHAKE_SUCCEEDED).doesNotContain(SocketEvent.Type.DISCONNECTED);
    }

    @Test
    void aLibzmqClientIsServedWithItsKeyAndZapUserIdOnEveryRequest() {
        Zap zap = (request, reply) -> {
            zapThread.execute(() -> reply.accept(new Zap.Reply(request.requestId(), 200, "OK", "py-client", Metadata.empty())));
            return true;
        };
        Socket rep = socket(SocketType.REP);
        rep.mechanism(Curve.server(keys.secretKey(), zap, "interop", null));
        String endpoint = rep.bind("tcp://127.0.0.1:*");
        int n = 300;
        CurvePythonPeer client = python("req", Z85.encode(keys.publicKey()), endpoint, Integer.toString(n));
        String clientKey = client.await("CLIENT")[1];

        for (int i = 0; i < n; i++) {
            Message request = rep.receive(WAIT);
            assertThat(request).as("request %d", i).isNotNull();
            assertThat(request.frame(0).toUtf8()).isEqualTo("req " + i);
            assertThat(request.property(Curve.PUBLIC_KEY_PROPERTY)).contains(clientKey);
            assertThat(request.property("User-Id")).contains("py-client");
            assertThat(rep.send(request, WAIT)).isTrue();
        }
        assertThat(client.await("OK")).containsExactly("OK", Integer.toString(n));
    }

    @Test
    void subscriptionsReachLibzmqBoxedAndItFiltersWhatItPublishes() {
        CurvePythonPeer publisher = python("xpub");
        String[] bound = publisher.await("SERVER");
        Socket sub = socket(SocketType.SUB);
        sub.mechanism(clientOf(bound[1]));
        sub.set(Option.SUBSCRIBE, "news".getBytes());
        sub.connect("tcp://127.0.0.1:" + bound[2]);

        assertThat(publisher.await("SUBSCRIBED")).containsExactly("SUBSCRIBED", "news");
        Message got = sub.receive(WAIT);
        assertThat(got).isNotNull();
        assertThat(got.toStrings()).containsExactly("news: from libzmq");
        sub.set(Option.UNSUBSCRIBE, "news".getBytes());
        assertThat(publisher.await("CANCELLED")).containsExactly("CANCELLED", "news");
        publisher.await("OK");
    }

    @Test
    void aLibzmqZapRefusalIsHandshakeFailedAuth400() {
        CurvePythonPeer server = python("deny");
        String[] bound = server.await("SERVER");
        Socket req = socket(SocketType.REQ);
        req.mechanism(clientOf(bound[1]));
        req.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        Monitor monitor = req.monitor();
        req.connect("tcp://127.0.0.1:" + bound[2]);

        SocketEvent refused = Events.await(monitor, SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        assertThat(refused.value()).isEqualTo(400);
        server.closeStdin();
        server.await("OK");
    }

    @Test
    void aWrongServerKeyNeverCompletesAHandshakeWithLibzmq() {
        CurvePythonPeer server = python("rep");
        String[] bound = server.await("SERVER");
        Socket req = socket(SocketType.REQ);
        req.mechanism(clientOf(Z85.encode(CurveKeyPair.generate().publicKey())));
        req.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
        Monitor monitor = req.monitor();
        req.connect("tcp://127.0.0.1:" + bound[2]);

        // libzmq cannot open our HELLO and closes the connection without a word.
        Events.await(monitor, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        assertThat(req.send("never answered", WAIT)).isTrue();
        assertThat(req.receive(Duration.ofMillis(300))).isNull();
    }
}
