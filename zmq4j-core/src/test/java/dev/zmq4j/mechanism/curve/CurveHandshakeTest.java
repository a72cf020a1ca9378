package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.CurveKeyPair;
import static dev.zmq4j.mechanism.curve.CurvePeers.CLIENT_GREETING;
import static dev.zmq4j.mechanism.curve.CurvePeers.SERVER_GREETING;
import static dev.zmq4j.mechanism.curve.CurvePeers.only;
import static dev.zmq4j.mechanism.curve.CurvePeers.upToInitiate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.security.Z85;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CURVE client and server driven against each other on byte arrays: the whole handshake, the
 * command sizes of rfc 26, the metadata each side learns, and ZAP, answered asynchronously on
 * another thread (200, 300, 400, 500) or not asked at all.
 */
@Timeout(30)
class CurveHandshakeTest {
    private final CurvePeers peers = new CurvePeers();
    private final ExecutorService zapThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "zap-handler"));

    @AfterEach
    void stop() {
        zapThread.shutdownNow();
    }

    /** A ZAP handler that answers, on its own thread, once released. */
    private final class FakeZap implements Zap {
        final CountDownLatch release = new CountDownLatch(1);
        final int code;
        final String userId;
        final Metadata metadata;
        volatile Request request;

        FakeZap(int code, String userId, Metadata metadata) {
            this.code = code;
            this.userId = userId;
            this.metadata = metadata;
        }

        @Override
        public boolean authenticate(Request r, Consumer<Reply> reply) {
            request = r;
            zapThread.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return;
                }
                reply.accept(new Reply(r.requestId(), code, "because " + code, userId, metadata));
            });
            return true;
        }
    }

    /** Counts wake-ups and remembers the thread of the last. */
    private static final class Wake implements Runnable {
        final CountDownLatch woken = new CountDownLatch(1);
        volatile String thread;

        @Override
        public void run() {
            thread = Thread.currentThread().getName();
            woken.countDown();
        }

        void await() throws InterruptedException {
            assertThat(woken.await(10, TimeUnit.SECONDS)).as("the ZAP reply woke the connection").isTrue();
        }
    }

    @Test
    void completesTheHandshakeWithoutAZapHandlerAndExchangesMetadata() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        assertThat(client.name()).isEqualTo("CURVE");
        assertThat(client.asServer()).isFalse();
        assertThat(server.asServer()).isTrue();

        List<Command> hello = client.start(SERVER_GREETING);
        assertThat(hello).extracting(Command::name).containsExactly("HELLO");
        assertThat(hello.get(0).encode()).hasSize(200);
        assertThat(server.start(CLIENT_GREETING)).isEmpty();

        List<Command> welcome = server.onCommand(only(hello));
        assertThat(welcome).extracting(Command::name).containsExactly("WELCOME");
        assertThat(welcome.get(0).encode()).hasSize(168);
        assertThat(server.status()).isEqualTo(MechanismStatus.HANDSHAKING);

        List<Command> initiate = client.onCommand(only(welcome));
        int clientMetadata = CurvePeers.metadata("DEALER").encode().length;
        assertThat(initiate).extracting(Command::name).containsExactly("INITIATE");
        assertThat(initiate.get(0).encode()).hasSize(257 + clientMetadata);
        assertThat(client.status()).isEqualTo(MechanismStatus.HANDSHAKING);

        List<Command> ready = server.onCommand(only(initiate));
        int serverMetadata = CurvePeers.metadata("ROUTER").encode().length;
        assertThat(ready).extracting(Command::name).containsExactly("READY");
        assertThat(ready.get(0).encode()).hasSize(30 + serverMetadata);
        assertThat(server.status()).isEqualTo(MechanismStatus.READY);

        assertThat(client.onCommand(only(ready))).isEmpty();
        assertThat(client.status()).isEqualTo(MechanismStatus.READY);

        assertThat(client.peerMetadata().getString(Metadata.SOCKET_TYPE)).isEqualTo("ROUTER");
        assertThat(server.peerMetadata().getString(Metadata.SOCKET_TYPE)).isEqualTo("DEALER");
        assertThat(server.userId()).isEmpty();
        assertThat(server.zapMetadata().asMap()).containsOnlyKeys(Curve.PUBLIC_KEY_PROPERTY);
        assertThat(server.zapMetadata().getString(Curve.PUBLIC_KEY_PROPERTY)).isEqualTo(Z85.encode(peers.clientKeys.publicKey()));
        assertTransformsPairUp(client, server);
    }

    private static void assertTransformsPairUp(Mechanism client, Mechanism server) throws ProtocolException {
        FrameTransform c = client.transform();
        FrameTransform s = server.transform();
        assertThat(c).isNotNull().isSameAs(client.transform());
        assertThat(s).isNotNull().isSameAs(server.transform());
        FrameTransform.WireFrame up = c.encode(FrameFlags.MORE, "up".getBytes(StandardCharsets.US_ASCII));
        FrameTransform.WireFrame got = s.decode(up.flags(), up.body());
        assertThat(got.flags()).isEqualTo(FrameFlags.MORE);
        assertThat(got.body()).asString(StandardCharsets.US_ASCII).isEqualTo("up");
        FrameTransform.WireFrame down = s.encode(FrameFlags.COMMAND, "\u0004PING".getBytes(StandardCharsets.US_ASCII));
        got = c.decode(down.flags(), down.body());
        assertThat(got.flags()).isEqualTo(FrameFlags.COMMAND);
        assertThat(got.body()).asString(StandardCharsets.US_ASCII).isEqualTo("\u0004PING");
    }

    @Test
    void helloIsVersionOneZeroWithSeventyTwoZeroBytesOfPaddingAndShortNonceOne() throws Exception {
        byte[] hello = peers.client().start(SERVER_GREETING).get(0).encode();
        assertThat(Arrays.copyOf(hello, 6)).isEqualTo("\u0005HELLO".getBytes(StandardCharsets.US_ASCII));
        assertThat(hello[6]).isEqualTo((byte) 1);
        assertThat(hello[7]).isEqualTo((byte) 0);
        assertThat(Arrays.copyOfRange(hello, 8, 80)).containsOnly(0);
        assertThat(CurveCommands.getLong(hello, 112)).isEqualTo(1);
        byte[] other = peers.client().start(SERVER_GREETING).get(0).encode();
        assertThat(Arrays.copyOfRange(other, 80, 112)).as("a fresh C' per connection")
                .isNotEqualTo(Arrays.copyOfRange(hello, 80, 112));
    }

    @Test
    void theServerAsksZapAboutTheClientsPermanentKeyAndTakesItsAnswerAsynchronously() throws Exception {
        FakeZap zap = new FakeZap(200, "alice", Metadata.of(Map.of("X-Role", "admin".getBytes(StandardCharsets.US_ASCII))));
        Wake wake = new Wake();
        Mechanism client = peers.client();
        Mechanism server = peers.server(zap, wake);

        assertThat(server.onCommand(upToInitiate(client, server))).as("no READY before the ZAP reply").isEmpty();
        assertThat(server.status()).isEqualTo(MechanismStatus.HANDSHAKING);
        Zap.Request request = zap.request;
        assertThat(request.mechanism()).isEqualTo("CURVE");
        assertThat(request.credentials()).hasSize(1);
        assertThat(request.credentials().get(0)).isEqualTo(peers.clientKeys.publicKey());
        assertThat(request.domain()).isEqualTo(CurvePeers.DOMAIN);
        assertThat(request.address()).isEqualTo(CurvePeers.ADDRESS);
        assertThat(request.identity()).isEqualTo(CurvePeers.ROUTING_ID);
        assertThat(server.resume()).as("resumed before the reply: nothing yet").isEmpty();
        assertThatThrownBy(() -> server.onCommand(CurvePeers.wire(new Command("PING", new byte[2]))))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("while the ZAP handler decides");

        zap.release.countDown();
        wake.await();
        assertThat(wake.thread).isEqualTo("zap-handler");
        Command ready = only(server.resume());
        assertThat(ready.name()).isEqualTo("READY");
        assertThat(server.status()).isEqualTo(MechanismStatus.READY);
        assertThat(server.userId()).isEqualTo("alice");
        assertThat(server.zapMetadata().getString("X-Role")).isEqualTo("admin");
        assertThat(server.zapMetadata().getString(Curve.PUBLIC_KEY_PROPERTY)).isEqualTo(Z85.encode(peers.clientKeys.publicKey()));
        assertThat(server.resume()).as("a second resume sends nothing more").isEmpty();

        client.onCommand(ready);
        assertThat(client.status()).isEqualTo(MechanismStatus.READY);
        assertTransformsPairUp(client, server);
    }

    @Test
    void aZapHandlersCurvePublicKeyPropertyIsReplacedByTheAuthenticatedOne() throws Exception {
        FakeZap zap = new FakeZap(200, "", Metadata.of(Map.of("curve-public-key", "forged".getBytes(StandardCharsets.US_ASCII))));
        Wake wake = new Wake();
        Mechanism server = peers.server(zap, wake);
        server.onCommand(upToInitiate(peers.client(), server));
        zap.release.countDown();
        wake.await();
        server.resume();
        assertThat(server.zapMetadata().asMap()).hasSize(1);
        assertThat(server.zapMetadata().getString(Curve.PUBLIC_KEY_PROPERTY)).isEqualTo(Z85.encode(peers.clientKeys.publicKey()));
    }

    @Test
    void zap300FailsTheHandshakeWithoutAnError() throws Exception {
        FakeZap zap = new FakeZap(300, "", Metadata.empty());
        Wake wake = new Wake();
        Mechanism server = peers.server(zap, wake);
        server.onCommand(upToInitiate(peers.client(), server));
        zap.release.countDown();
        wake.await();
        assertThat(server.resume()).isEmpty();
        assertThat(server.status().state()).isEqualTo(MechanismStatus.State.FAILED);
        assertThat(server.status().errorCode()).isEqualTo(300);
        assertThat(server.status().reason()).contains("300");
        assertThat(server.transform()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 500})
    void zap400And500SendErrorWithTheStatusCodeWhichTheClientTakesAsARefusal(int code) throws Exception {
        FakeZap zap = new FakeZap(code, "", Metadata.empty());
        Wake wake = new Wake();
        Mechanism client = peers.client();
        Mechanism server = peers.server(zap, wake);
        server.onCommand(upToInitiate(client, server));
        zap.release.countDown();
        wake.await();
        Command error = only(server.resume());
        assertThat(error.name()).isEqualTo("ERROR");
        assertThat(error.errorReason()).isEqualTo(Integer.toString(code));
        assertThat(server.status().state()).isEqualTo(MechanismStatus.State.FAILED);
        assertThat(server.status().errorCode()).isEqualTo(code);

        assertThat(client.onCommand(error)).isEmpty();
        assertThat(client.status().state()).isEqualTo(MechanismStatus.State.FAILED);
        assertThat(client.status().errorCode()).isEqualTo(code);
        assertThat(client.transform()).isNull();
    }

    @Test
    void aZapWithNoHandlerInstalledAcceptsEveryValidClient() throws Exception {
        Zap none = (request, reply) -> false;
        Mechanism server = peers.server(none, () -> { });
        Mechanism client = peers.client();
        Command ready = only(server.onCommand(upToInitiate(client, server)));
        assertThat(server.status()).isEqualTo(MechanismStatus.READY);
        client.onCommand(ready);
        assertThat(client.status()).isEqualTo(MechanismStatus.READY);
    }

    @Test
    void aWrongServerKeyFailsTheHelloAtTheServer() throws Exception {
        Mechanism client = peers.client(CurveKeyPair.generate().publicKey());
        Mechanism server = peers.server();
        Command hello = only(client.start(SERVER_GREETING));
        server.start(CLIENT_GREETING);
        assertThatThrownBy(() -> server.onCommand(hello)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("HELLO: signature box does not open");
    }

    @Test
    void aWelcomeBoxedWithAnotherServersKeyIsAProtocolErrorAtTheClient() throws Exception {
        Mechanism client = peers.client();
        Command hello = only(client.start(SERVER_GREETING));
        // An impostor with its own key pair answers the HELLO's C' in the right format.
        CurveKeyPair impostor = CurveKeyPair.generate();
        byte[] clientTransient = CurveCommands.Hello.decode(hello).clientKey();
        byte[] nonce = CurveKeys.random(16);
        byte[] box = SecretBox.seal(CurveKeys.boxKey(clientTransient, impostor.secretKey()),
                CurveCommands.longNonce(CurveCommands.WELCOME_NONCE, nonce, 0), new byte[128]);
        Command welcome = CurvePeers.wire(new CurveCommands.Welcome(nonce, box).toCommand());
        assertThatThrownBy(() -> client.onCommand(welcome)).isInstanceOf(ProtocolException.class)
                .hasMessage("WELCOME: box does not open (wrong server key?)");
    }

    @Test
    void theCookieOpensOnlyOnTheConnectionThatMadeIt() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        Command initiate = upToInitiate(client, server);
        // Another connection to the same server: its own cookie key.
        Mechanism other = peers.server();
        Mechanism otherClient = peers.client();
        upToInitiate(otherClient, other);
        assertThatThrownBy(() -> other.onCommand(initiate)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("INITIATE cookie: box does not open");
    }

    @Test
    void factoriesAndMechanismsNeverShowSecretKeys() throws Exception {
        byte[] clientSecret = peers.clientKeys.secretKey();
        byte[] serverSecret = peers.serverKeys.secretKey();
        MechanismFactory cf = Curve.client(peers.clientKeys.publicKey(), clientSecret, peers.serverKeys.publicKey());
        MechanismFactory sf = Curve.server(serverSecret, null, "", null);
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        server.onCommand(upToInitiate(client, server));
        String shown = String.join(" ", cf.toString(), sf.toString(), client.toString(), server.toString(),
                client.transform() == null ? "" : client.transform().toString(), server.transform().toString(),
                peers.clientKeys.toString());
        for (byte[] secret : List.of(clientSecret, serverSecret)) {
            assertThat(shown).doesNotContain(Z85.encode(secret)).doesNotContain(java.util.HexFormat.of().formatHex(secret));
        }
        assertThat(sf.toString()).contains(Z85.encode(peers.serverKeys.publicKey()));
    }

    @Test
    void badKeysAreRefusedAtTheFactory() {
        assertThatThrownBy(() -> Curve.client(CurveKeyPair.generate().publicKey(), peers.clientKeys.secretKey(),
                peers.serverKeys.publicKey())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publicKey: not the public key of secretKey (expected: the key pair's)");
        assertThatThrownBy(() -> Curve.client(peers.clientKeys.publicKey(), peers.clientKeys.secretKey(), new byte[40]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("serverKey length: 40 (expected: 32)");
        assertThatThrownBy(() -> Curve.client(peers.clientKeys.publicKey(), peers.clientKeys.secretKey(), new byte[32]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("serverKey: a low-order point (expected: a server's public key)");
        assertThatThrownBy(() -> Curve.server(null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("secretKey: null (expected: 32 bytes)");
    }
}
