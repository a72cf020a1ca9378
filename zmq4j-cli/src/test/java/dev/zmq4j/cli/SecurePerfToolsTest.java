package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.security.Z85;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security options of the perf tools ({@link SecurityOptions}) and the handshake-rate pair.
 * The tests that run CURVE or PLAIN end to end need the mechanisms wired into the core.
 */
@Timeout(60)
class SecurePerfToolsTest {
    // Key pairs made once by libzmq (zmq.curve_keypair()) for these tests only.
    private static final String SERVER_PUBLIC = "k+UOh?zo^SnznrYy?v6Alnc1RNHNKJGmo:z5{rjO";
    private static final String SERVER_SECRET = "ETzQUB(-2Sthv6N65Jqzgsz?2aqRpoB#nBs7O6%A";
    private static final String CLIENT_PUBLIC = "G+wFJiigvspRSdKZPurT@BqO%uxrGgO/BvhEDLA7";
    private static final String CLIENT_SECRET = "RAI>23SEgFt55IrihQRf.99$s5TRv(=y2hVJbsbg";

    private static final String[] CURVE_SERVER = {"--curve-server", "--curve-secret-key", SERVER_SECRET};
    private static final String[] CURVE_CLIENT = {"--curve-public-key", CLIENT_PUBLIC, "--curve-secret-key", CLIENT_SECRET,
        "--curve-server-key", SERVER_PUBLIC};

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @TempDir
    Path dir;

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    private static String[] args(String[] security, String... rest) {
        List<String> all = new ArrayList<>(Arrays.asList(rest));
        all.addAll(Arrays.asList(security));
        return all.toArray(String[]::new);
    }

    /** Parses {@code perf local-thr ... <security>} without running it and applies the options to a new socket. */
    private static void applied(Socket s, String... security) {
        CapturedRun run = new CapturedRun();
        run.commandLine.parseArgs(args(security, "perf", "local-thr", "tcp://127.0.0.1:5555", "64", "10"));
        SecurityOptions options = run.perfTool("local-thr").security;
        options.check();
        options.apply(s);
    }

    private static String usageError(String... security) {
        CapturedRun run = new CapturedRun();
        int exit = run.commandLine.execute(args(security, "perf", "remote-thr", "tcp://127.0.0.1:5555", "64", "10"));
        assertThat(exit).as("exit status of a usage error").isEqualTo(2);
        return run.err.toString();
    }

    @Test
    void aCurveServerGetsItsSecretKeyAndAClientItsPairAndTheServerKey() {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.PULL); Socket client = ctx.socket(SocketType.PUSH)) {
            applied(server, CURVE_SERVER);
            applied(client, CURVE_CLIENT);
            assertThat(server.get(Option.CURVE_SERVER)).isTrue();
            assertThat(server.get(Option.CURVE_SECRETKEY)).isEqualTo(Z85.decode(SERVER_SECRET));
            assertThat(client.get(Option.CURVE_SERVER)).isFalse();
            assertThat(client.get(Option.CURVE_PUBLICKEY)).isEqualTo(Z85.decode(CLIENT_PUBLIC));
            assertThat(client.get(Option.CURVE_SECRETKEY)).isEqualTo(Z85.decode(CLIENT_SECRET));
            assertThat(client.get(Option.CURVE_SERVERKEY)).isEqualTo(Z85.decode(SERVER_PUBLIC));
            assertThat(server.get(Option.MECHANISM)).isEqualTo("CURVE");
            assertThat(client.get(Option.MECHANISM)).isEqualTo("CURVE");
        }
    }

    @Test
    void aCzmqCertificateGivesTheKeyPair() throws Exception {
        Path cert = dir.resolve("client.key_secret");
        Files.writeString(cert, """
                #   ****  Generated test certificate  ****
                metadata
                    name = "perf client"
                curve
                    public-key = "%s"
                    secret-key = "%s"
                """.formatted(CLIENT_PUBLIC, CLIENT_SECRET));
        try (Context ctx = new Context(); Socket client = ctx.socket(SocketType.PUSH)) {
            applied(client, "--curve-cert", cert.toString(), "--curve-server-key", SERVER_PUBLIC);
            assertThat(client.get(Option.CURVE_PUBLICKEY)).isEqualTo(Z85.decode(CLIENT_PUBLIC));
            assertThat(client.get(Option.CURVE_SECRETKEY)).isEqualTo(Z85.decode(CLIENT_SECRET));
        }
    }

    @Test
    void plainOptionsSetTheUserOrTheServerRole() {
        try (Context ctx = new Context(); Socket server = ctx.socket(SocketType.PULL); Socket client = ctx.socket(SocketType.PUSH)) {
            applied(server, "--plain-server");
            applied(client, "--plain-user", "perf", "--plain-password", "pw");
            assertThat(server.get(Option.PLAIN_SERVER)).isTrue();
            assertThat(client.get(Option.PLAIN_USERNAME)).isEqualTo("perf");
            assertThat(client.get(Option.PLAIN_PASSWORD)).isEqualTo("pw");
            assertThat(server.get(Option.MECHANISM)).isEqualTo("PLAIN");
            assertThat(client.get(Option.MECHANISM)).isEqualTo("PLAIN");
        }
    }

    @Test
    void inconsistentSecurityOptionsAreUsageErrors() {
        assertThat(usageError("--curve-server")).contains("missing --curve-secret-key");
        assertThat(usageError("--curve-server-key", SERVER_PUBLIC, "--curve-secret-key", CLIENT_SECRET))
                .contains("missing --curve-public-key");
        assertThat(usageError("--curve-server", "--curve-secret-key", SERVER_SECRET, "--curve-server-key", SERVER_PUBLIC))
                .contains("a server or a client, not both");
        assertThat(usageError("--curve-secret-key", SERVER_SECRET)).contains("without --curve-server or --curve-server-key");
        assertThat(usageError("--curve-server", "--curve-secret-key", "tooShort")).contains("--curve-secret-key: 8 characters");
        assertThat(usageError("--plain-server", "--curve-server", "--curve-secret-key", SERVER_SECRET)).contains("CURVE and PLAIN");
        assertThat(usageError("--plain-password", "pw")).contains("--plain-password without --plain-user");
        assertThat(usageError("--curve-cert", dir.resolve("absent").toString(), "--curve-server")).contains("unreadable");
    }

    /** Runs a handshake pair; returns the client's output lines. */
    private List<String> handshakes(int count, String[] serverSecurity, String[] clientSecurity) throws Exception {
        CapturedRun server = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        server.<HandshakeTool>tool("handshake-srv").boundListener = endpoint::complete;
        Future<Integer> serverExit = executor.submit(() -> server.commandLine.execute(
                args(serverSecurity, "perf", "handshake-srv", "tcp://127.0.0.1:*", String.valueOf(count))));
        CapturedRun client = new CapturedRun();
        int clientExit = client.commandLine.execute(
                args(clientSecurity, "perf", "handshake-cli", endpoint.get(10, TimeUnit.SECONDS), String.valueOf(count)));
        assertThat(clientExit).as(client.err.toString()).isZero();
        assertThat(serverExit.get(30, TimeUnit.SECONDS)).as(server.err.toString()).isZero();
        assertThat(server.lines()).isEmpty();
        return client.lines();
    }

    private static void assertHandshakeLines(List<String> lines, int count) {
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("handshake count: " + count);
        assertThat(lines.get(1)).matches("handshake rate: [1-9][0-9]* \\[handshakes/s\\]");
        assertThat(lines.get(2)).matches("mean handshake: [0-9]+\\.[0-9]{3} \\[us\\]");
        long rate = Long.parseLong(lines.get(1).split(" ")[2]);
        double meanMicros = Double.parseDouble(lines.get(2).split(" ")[2]);
        // Both come from the same elapsed time: rate × mean ≈ 1 s (the rate is truncated).
        assertThat(rate * meanMicros / 1e6).isBetween(0.9, 1.01);
    }

    @Test
    void handshakeToolsPrintTheRateAndMeanOfNullHandshakes() throws Exception {
        assertHandshakeLines(handshakes(200, new String[0], new String[0]), 200);
    }

    @Test
    void handshakeToolsRunCurveHandshakes() throws Exception {
        assertHandshakeLines(handshakes(100, CURVE_SERVER, CURVE_CLIENT), 100);
    }

    @Test
    void handshakeToolsRunPlainHandshakesThroughTheServersZapHandler() throws Exception {
        String[] server = {"--plain-server", "--plain-user", "perf", "--plain-password", "pw"};
        String[] client = {"--plain-user", "perf", "--plain-password", "pw"};
        assertHandshakeLines(handshakes(100, server, client), 100);
    }

    @Test
    void throughputToolsRunOverCurve() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        local.perfTool("local-thr").boundListener = endpoint::complete;
        Future<Integer> localExit = executor.submit(() -> local.commandLine.execute(
                args(CURVE_SERVER, "perf", "local-thr", "tcp://127.0.0.1:*", "256", "5000")));
        int remoteExit = new CapturedRun().commandLine.execute(
                args(CURVE_CLIENT, "perf", "remote-thr", endpoint.get(10, TimeUnit.SECONDS), "256", "5000"));
        assertThat(remoteExit).isZero();
        assertThat(localExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(local.lines()).hasSize(4).containsSubsequence("message size: 256 [B]", "message count: 5000");
    }

    @Test
    void latencyToolsRunOverCurve() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        local.perfTool("local-lat").boundListener = endpoint::complete;
        Future<Integer> localExit = executor.submit(() -> local.commandLine.execute(
                args(CURVE_SERVER, "perf", "local-lat", "tcp://127.0.0.1:*", "64", "500")));
        CapturedRun remote = new CapturedRun();
        int remoteExit = remote.commandLine.execute(
                args(CURVE_CLIENT, "perf", "remote-lat", endpoint.get(10, TimeUnit.SECONDS), "64", "500"));
        assertThat(remoteExit).isZero();
        assertThat(localExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(remote.lines()).hasSize(7).startsWith("message size: 64 [B]", "roundtrip count: 500");
    }
}
