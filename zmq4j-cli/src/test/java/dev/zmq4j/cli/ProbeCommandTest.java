package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.security.CurveKeyPair;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zmq4j probe} against libzmq (pyzmq), zmq4j in-process, and plain TCP servers that are
 * not ZMTP peers: what it prints and its exit status.
 */
@Timeout(60)
class ProbeCommandTest {
    @TempDir
    Path dir;

    /** A run of {@code zmq4j probe ARGS...}: its exit status and output. */
    private record Probe(int exit, String out, String err) {
    }

    private static Probe probe(String... args) {
        CapturedRun run = new CapturedRun();
        List<String> all = new ArrayList<>(List.of("probe"));
        all.addAll(Arrays.asList(args));
        int exit = run.commandLine.execute(all.toArray(String[]::new));
        return new Probe(exit, run.out.toString(), run.err.toString());
    }

    @Test
    void completesWithALibzmqRouterAndPrintsItsPropertiesAndStepTimes() {
        try (PyzmqPeer peer = PyzmqPeer.bind("ROUTER", "metadata=X-Foo:bar")) {
            Probe p = probe(peer.endpoint());
            assertThat(p.exit()).as(p.out()).isZero();
            assertThat(p.out()).contains("probe " + peer.endpoint() + " as DEALER (NULL)")
                    .contains("peer: ZMTP 3.1, mechanism NULL, as-server no")
                    .contains("  Socket-Type: ROUTER\n")
                    .contains("  X-Foo: bar\n")
                    .contains("handshake complete");
            assertThat(p.out()).containsPattern("tcp connect +\\d+\\.\\d{3} ms")
                    .containsPattern("greeting received +\\d+\\.\\d{3} ms")
                    .containsPattern("READY received +\\d+\\.\\d{3} ms");
        }
    }

    @Test
    void aRepPeerTakesAReq() {
        try (PyzmqPeer peer = PyzmqPeer.bind("REP")) {
            Probe p = probe(peer.endpoint(), "--socket-type", "req");
            assertThat(p.exit()).as(p.out()).isZero();
            assertThat(p.out()).contains("as REQ (NULL)").contains("  Socket-Type: REP\n").contains("handshake complete");
        }
    }

    @Test
    void aPubPeerRefusesADealerAndTheCompatibleTypeIsSuggested() {
        try (PyzmqPeer peer = PyzmqPeer.bind("PUB")) {
            Probe refused = probe(peer.endpoint());
            assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
            assertThat(refused.out()).contains("  Socket-Type: PUB\n")
                    .contains("FAILED at handshake: the peer is a PUB, which does not accept a DEALER")
                    .contains("try --socket-type SUB")
                    .doesNotContain("handshake complete");

            Probe sub = probe(peer.endpoint(), "--socket-type", "SUB");
            assertThat(sub.exit()).as(sub.out()).isZero();
            assertThat(sub.out()).contains("handshake complete");
        }
    }

    @Test
    void jsonCarriesTheSameFacts() {
        try (PyzmqPeer peer = PyzmqPeer.bind("ROUTER", "metadata=X-Foo:bar")) {
            Probe p = probe(peer.endpoint(), "--format", "json");
            assertThat(p.exit()).isZero();
            assertThat(p.out().lines().count()).isEqualTo(1);
            assertThat(p.out()).startsWith("{\"endpoint\":\"" + peer.endpoint() + "\"")
                    .contains("\"outcome\":\"COMPLETE\"", "\"exitStatus\":0", "\"version\":\"3.1\"",
                            "\"Socket-Type\":\"ROUTER\"", "\"X-Foo\":\"bar\"", "{\"name\":\"READY received\",\"millis\":");
        }
    }

    @Test
    void aCurveServerIsNamedAsAMechanismMismatchAndProbedWithItsKey() {
        try (PyzmqPeer peer = PyzmqPeer.bind("ROUTER", "curve")) {
            Probe mismatch = probe(peer.endpoint());
            assertThat(mismatch.exit()).as(mismatch.out()).isEqualTo(1);
            assertThat(mismatch.out()).contains("FAILED at greeting: the peer's mechanism is CURVE")
                    .contains("probe speaks NULL")
                    .contains("--curve-server-key");

            Probe curve = probe(peer.endpoint(), "--curve-server-key", peer.serverKey());
            assertThat(curve.exit()).as(curve.out()).isZero();
            assertThat(curve.out()).contains("as DEALER (CURVE)").contains("mechanism CURVE")
                    .contains("  Socket-Type: ROUTER\n").contains("handshake complete");
        }
    }

    @Test
    void aCurveServerProbedWithAnotherKeyIsReportedAsClosedDuringTheCurveHandshake() {
        try (PyzmqPeer peer = PyzmqPeer.bind("ROUTER", "curve")) {
            String otherKey = CurveKeyPair.generate().publicKeyZ85();
            assertThat(otherKey).isNotEqualTo(peer.serverKey());
            Probe p = probe(peer.endpoint(), "--curve-server-key", otherKey);
            assertThat(p.exit()).as(p.out()).isEqualTo(1);
            // libzmq cannot open our HELLO, sealed to a key not its own, and drops the connection without an ERROR
            assertThat(p.out()).contains("as DEALER (CURVE)").contains("peer: ZMTP 3.1, mechanism CURVE")
                    .contains("FAILED at handshake: the peer closed the connection during the CURVE handshake,"
                            + " after our HELLO, before its WELCOME")
                    .contains("hint: a CURVE server closes at once when our HELLO does not open with its secret key:"
                            + " is --curve-server-key the server's public key?")
                    .doesNotContain("handshake complete");
            Probe json = probe(peer.endpoint(), "--curve-server-key", otherKey, "--format", "json");
            assertThat(json.out()).contains("\"outcome\":\"HANDSHAKE_FAILED\"", "\"failedStep\":\"handshake\"");
        }
    }

    @Test
    void aPlainServerWithAZapHandlerRefusesAWrongPasswordWithAnErrorAndItsStatus() {
        try (PyzmqPeer peer = PyzmqPeer.bind("DEALER", "plain-zap=alice:secret")) {
            // libzmq 4.3's PLAIN ERROR goes out as "^RROR" + reason (its C literal "\x05ERROR" is the escape \x05E)
            Probe wrong = probe(peer.endpoint(), "--plain-user", "alice", "--plain-password", "guess");
            assertThat(wrong.exit()).as(wrong.out()).isEqualTo(1);
            assertThat(wrong.out()).contains("as DEALER (PLAIN)").contains("mechanism PLAIN")
                    .contains("FAILED at handshake: peer refused: peer sent ERROR 400 (status 400)")
                    .contains("hint: the peer's authenticator (ZAP) refused us: status 400 (a wrong --plain-user or --plain-password?)")
                    .doesNotContain("handshake complete");

            // the same server admits the right password: the refusal above was the authenticator's
            Probe right = probe(peer.endpoint(), "--plain-user", "alice", "--plain-password", "secret");
            assertThat(right.exit()).as(right.out()).isZero();
            assertThat(right.out()).contains("  Socket-Type: DEALER\n").contains("handshake complete");
        }
    }

    @Test
    void aPlainServerIsNamedAndItsSilentRefusalReported() {
        try (PyzmqPeer peer = PyzmqPeer.bind("DEALER", "plain")) {
            Probe mismatch = probe(peer.endpoint());
            assertThat(mismatch.exit()).as(mismatch.out()).isEqualTo(1);
            assertThat(mismatch.out()).contains("FAILED at greeting: the peer's mechanism is PLAIN; probe speaks NULL")
                    .contains("--plain-user U --plain-password P");

            // No ZAP handler behind the pyzmq PLAIN server: libzmq drops every client after the greeting.
            Probe plain = probe(peer.endpoint(), "--plain-user", "alice", "--plain-password", "secret");
            assertThat(plain.exit()).as(plain.out()).isEqualTo(1);
            assertThat(plain.out()).contains("as DEALER (PLAIN)").contains("mechanism PLAIN")
                    .contains("FAILED at handshake: the peer closed the connection after its greeting, before READY");
        }
    }

    @Test
    void completesWithAZmq4jRouterOverTcpAndIpc() {
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            String tcp = router.bind("tcp://127.0.0.1:*");
            String ipc = router.bind("ipc://" + dir.resolve("probe.ipc"));
            Probe overTcp = probe(tcp);
            assertThat(overTcp.exit()).as(overTcp.out()).isZero();
            assertThat(overTcp.out()).contains("  Socket-Type: ROUTER\n").contains("handshake complete");

            Probe overIpc = probe(ipc, "--socket-type", "REQ");
            assertThat(overIpc.exit()).as(overIpc.out()).isZero();
            assertThat(overIpc.out()).contains("ipc connect").contains("  Socket-Type: ROUTER\n").contains("handshake complete");
        }
    }

    @Test
    void aClosedPortIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Probe p = probe("tcp://127.0.0.1:" + port);
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out()).contains("FAILED at connect: connection refused (nothing listens on 127.0.0.1:" + port + ")");
        Probe json = probe("tcp://127.0.0.1:" + port, "--format", "json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.out()).contains("\"outcome\":\"REFUSED\"", "\"exitStatus\":1", "\"failedStep\":\"connect\"",
                "\"peer\":null", "\"steps\":[]");
    }

    @Test
    void aMissingIpcFileIsRefused() {
        Probe p = probe("ipc://" + dir.resolve("nobody.ipc"));
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out()).contains("FAILED at connect:").contains("no socket bound at");
    }

    @Test
    void anEchoServerIsToldApart() throws Exception {
        try (RawServer echo = new RawServer(conn -> {
            InputStream in = conn.getInputStream();
            OutputStream out = conn.getOutputStream();
            byte[] buf = new byte[4096];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        })) {
            Probe p = probe(echo.endpoint());
            assertThat(p.exit()).as(p.out()).isEqualTo(1);
            assertThat(p.out()).contains("FAILED at handshake: not a ZMTP peer: it sent back exactly what we sent (an echo server)")
                    .doesNotContain("peer: ZMTP").doesNotContain("handshake complete");
        }
    }

    @Test
    void anHttpServerIsNotZmtpAndItsTextIsShown() throws Exception {
        try (RawServer http = new RawServer(conn -> {
            conn.getInputStream().read(new byte[64]);
            conn.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            Probe p = probe(http.endpoint());
            assertThat(p.exit()).as(p.out()).isEqualTo(1);
            assertThat(p.out()).contains("FAILED at greeting: not a ZMTP peer: it sent text \"HTTP/1.1 400 Bad Request")
                    .contains("first bytes: 48 54 54 50 2f 31 2e 31");
        }
    }

    @Test
    void aSilentServerTimesOutAtTheGreeting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer silent = new RawServer(conn -> release.await())) {
            Probe p = probe(silent.endpoint(), "--timeout", "300ms");
            assertThat(p.exit()).isEqualTo(1);
            assertThat(p.out()).contains("FAILED at greeting: connected, but the peer sent nothing within 300ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aZmtp2PeerIsNamed() throws Exception {
        byte[] zmtp2 = {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 1, 0x7F, 1, 5};
        try (RawServer old = new RawServer(conn -> {
            conn.getOutputStream().write(zmtp2);
            conn.getInputStream().read(new byte[64]);
        })) {
            Probe p = probe(old.endpoint());
            assertThat(p.exit()).isEqualTo(1);
            assertThat(p.out()).contains("a ZMTP 2.0 peer (revision 1); probe speaks ZMTP 3");
        }
    }

    @Test
    void aZmtp10PeerIsNamed() throws Exception {
        // ZMTP 1.0 opens with its identity frame: a long one starts 0xff, then eight size bytes whose last has bit 0 clear.
        byte[] zmtp10 = {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 1, 0, 0};
        try (RawServer old = new RawServer(conn -> {
            conn.getOutputStream().write(zmtp10);
            conn.getInputStream().read(new byte[64]);
        })) {
            Probe p = probe(old.endpoint());
            assertThat(p.exit()).isEqualTo(1);
            assertThat(p.out()).contains("a ZMTP 1.0 peer");
        }
    }

    @Test
    void aPeerThatStopsAfterItsGreetingTimesOutAtTheHandshake() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RawServer stuck = new RawServer(conn -> {
            conn.getOutputStream().write(Greeting.of("NULL", false).encode());
            release.await();
        })) {
            Probe p = probe(stuck.endpoint(), "--timeout", "300ms", "--format", "json");
            assertThat(p.exit()).isEqualTo(1);
            assertThat(p.out()).contains("\"outcome\":\"TIMEOUT\"", "\"failedStep\":\"handshake\"",
                    "\"reason\":\"greeting received, but no READY within 300ms\"", "{\"name\":\"greeting received\"");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anErrorCommandIsReportedWithItsReason() throws Exception {
        try (RawServer refusing = new RawServer(conn -> {
            OutputStream out = conn.getOutputStream();
            out.write(Greeting.of("NULL", false).encode());
            out.write(Command.error("Invalid socket type").encodeFrame());
            conn.getInputStream().read(new byte[256]);
        })) {
            Probe p = probe(refusing.endpoint());
            assertThat(p.exit()).isEqualTo(1);
            assertThat(p.out()).contains("FAILED at handshake: peer sent ERROR: Invalid socket type")
                    .contains("the peer refuses a DEALER");
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(probe("inproc://x").exit()).isEqualTo(2);
        assertThat(probe("tcp://127.0.0.1:*").exit()).isEqualTo(2);
        assertThat(probe("tcp://127.0.0.1:5555", "--socket-type", "STREAMER").exit()).isEqualTo(2);
        assertThat(probe("tcp://127.0.0.1:5555", "--timeout", "soon").exit()).isEqualTo(2);
        assertThat(probe("tcp://127.0.0.1:5555", "--curve-server").exit()).isEqualTo(2);
        assertThat(probe("tcp://127.0.0.1:5555", "--curve-server-key", "short").exit()).isEqualTo(2);
    }

    @Test
    void durationsParse() {
        assertThat(DurationConverter.parse("250ms").toMillis()).isEqualTo(250);
        assertThat(DurationConverter.parse("5s").toMillis()).isEqualTo(5000);
        assertThat(DurationConverter.parse("1m").toMillis()).isEqualTo(60_000);
        assertThat(DurationConverter.parse("PT1.5S").toMillis()).isEqualTo(1500);
    }
}
