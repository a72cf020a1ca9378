package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.patterns.mdp.MajordomoBroker;
import dev.zmq4j.patterns.mdp.MajordomoClient;
import dev.zmq4j.patterns.mdp.MajordomoWorker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code zmq4j broker}: a Majordomo broker a zmq4j client and worker talk through; --verbose; its limits; exit statuses. */
@Timeout(60)
class BrokerCommandTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private CommandLine commandLine() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl;
    }

    private String output() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Test
    void brokersRequestsVerboselyUntilStopped() throws Exception {
        CommandLine cl = commandLine();
        BrokerCommand broker = cl.getSubcommands().get("broker").getCommand();
        CompletableFuture<String> bound = new CompletableFuture<>();
        broker.boundListener = bound::complete;
        Future<Integer> exit = executor.submit(() -> cl.execute("broker", "tcp://127.0.0.1:*", "--verbose", "--heartbeat", "200ms"));
        String endpoint = bound.get(20, TimeUnit.SECONDS);
        Heartbeat beat = Heartbeat.every(Duration.ofMillis(200));
        try (Context context = new Context();
                MajordomoWorker worker = new MajordomoWorker(context, List.of(endpoint), "echo", beat, Duration.ofMillis(50), Duration.ofSeconds(1));
                MajordomoClient client = new MajordomoClient(context, endpoint, Duration.ofSeconds(10), 0)) {
            worker.start(body -> Message.of("echo " + body.first().toUtf8()));

            assertThat(client.request("echo", "hi")).isEqualTo("echo hi");
            assertThat(client.request("mmi.service", "echo")).isEqualTo("200");
        }
        broker.stop();

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(err.toString()).contains("broker " + endpoint);
        assertThat(output()).containsPattern("ready +worker [0-9a-f]+ +service echo")
                .containsPattern("request +client [0-9a-f]+ +service echo +1 frame\\(s\\), 2 bytes")
                .containsPattern("dispatch +client [0-9a-f]+ +service echo +to worker [0-9a-f]+")
                .containsPattern("reply +client [0-9a-f]+ +service echo +1 frame\\(s\\), 7 bytes");
    }

    @Test
    void anEndpointThatCannotBeBoundExitsWith3() {
        assertThat(commandLine().execute("broker", "nonsense://x")).isEqualTo(3);
        assertThat(err.toString()).contains("cannot bind nonsense://x");
    }

    @Test
    void aHeartbeatThatIsNotPositiveIsAUsageError() {
        assertThat(commandLine().execute("broker", "tcp://127.0.0.1:*", "--heartbeat", "0")).isEqualTo(2);
    }

    @Test
    void limitsThatAreNotPositiveAreUsageErrors() {
        assertThat(commandLine().execute("broker", "tcp://127.0.0.1:*", "--max-services", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-services: 0 (expected: >= 1)");
        assertThat(commandLine().execute("broker", "tcp://127.0.0.1:*", "--max-queued", "-5")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-queued: -5 (expected: >= 1)");
    }

    @Test
    void byteLimitsThatAreNotPositiveAreUsageErrors() {
        assertThat(commandLine().execute("broker", "tcp://127.0.0.1:*", "--max-queued-bytes", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-queued-bytes: 0 (expected: >= 1)");
        assertThat(commandLine().execute("broker", "tcp://127.0.0.1:*", "--max-message-size", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-message-size: -1 (expected: >= 1)");
    }

    @Test
    void helpListsTheByteLimits() {
        assertThat(commandLine().execute("broker", "--help")).isZero();
        assertThat(output().replaceAll("\\s+", " "))
                .contains("--max-queued-bytes=BYTES the most bytes of requests one service's queue may hold while no worker"
                        + " of it is idle; a request taking it over is dropped (default: " + MajordomoBroker.DEFAULT_MAX_QUEUED_BYTES
                        + ")")
                .contains("--max-message-size=BYTES the largest frame the broker receives; a peer sending a larger one is"
                        + " disconnected (default: no limit)");
    }

    @Test
    void dropsRequestsBeyondItsByteLimitsVerbosely() throws Exception {
        CommandLine cl = commandLine();
        BrokerCommand broker = cl.getSubcommands().get("broker").getCommand();
        CompletableFuture<String> bound = new CompletableFuture<>();
        broker.boundListener = bound::complete;
        Future<Integer> exit = executor.submit(() -> cl.execute("broker", "tcp://127.0.0.1:*", "--verbose",
                "--max-queued-bytes", "4", "--max-message-size", "16"));
        String endpoint = bound.get(20, TimeUnit.SECONDS);
        try (Context context = new Context(); Socket client = context.socket(SocketType.DEALER);
                Socket big = context.socket(SocketType.DEALER)) {
            big.set(Option.LINGER, Duration.ZERO);
            try (Monitor events = big.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
                big.connect(endpoint);
                awaitEvent(events, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                assertThat(big.send(request("a", "x".repeat(100)), Duration.ofSeconds(10))).isTrue();
                awaitEvent(events, SocketEvent.Type.DISCONNECTED);
            }
            client.set(Option.LINGER, Duration.ZERO);
            client.connect(endpoint);
            for (String service : List.of("a", "a", "mmi.service")) {
                assertThat(client.send(request(service, "abc"), Duration.ofSeconds(10))).isTrue();
            }
            Message answer = client.receive(Duration.ofSeconds(20));
            assertThat(answer).isNotNull();
            assertThat(answer.frames()).endsWith(Frame.of("404"));
        }
        broker.stop();

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(output()).containsPattern("dropped +client [0-9a-f]+ +service a +\\(service a: 3 bytes waiting for a"
                        + " worker and 3 more \\(expected: <= 4 in all, maxQueuedBytes\\)\\)")
                .doesNotContain("100 bytes");
    }

    private static Message request(String service, String body) {
        return Message.of(Frame.EMPTY, Frame.of("MDPC01"), Frame.of(service), Frame.of(body));
    }

    private static void awaitEvent(Monitor events, SocketEvent.Type type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (deadline - System.nanoTime() > 0) {
            SocketEvent e = events.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e != null && e.type() == type) {
                return;
            }
        }
        throw new AssertionError("no " + type + " within 20 s");
    }

    @Test
    void helpListsTheLimitsWithTheirDefaults() {
        assertThat(commandLine().execute("broker", "--help")).isZero();
        // Picocli wraps descriptions: compare with runs of spaces and line breaks as one space.
        assertThat(output().replaceAll("\\s+", " "))
                .contains("--max-services=N the most services clients may make the broker know; a request naming another is"
                        + " dropped (default: " + MajordomoBroker.DEFAULT_MAX_SERVICES + ")")
                .contains("--max-queued=N the most requests one service's queue may hold while no worker of it is idle;"
                        + " newer ones are dropped (default: " + MajordomoBroker.DEFAULT_MAX_QUEUED_REQUESTS + ")");
    }

    @Test
    void dropsRequestsBeyondItsLimitsVerbosely() throws Exception {
        CommandLine cl = commandLine();
        BrokerCommand broker = cl.getSubcommands().get("broker").getCommand();
        CompletableFuture<String> bound = new CompletableFuture<>();
        broker.boundListener = bound::complete;
        Future<Integer> exit = executor.submit(() -> cl.execute("broker", "tcp://127.0.0.1:*", "--verbose",
                "--max-services", "1", "--max-queued", "2"));
        String endpoint = bound.get(20, TimeUnit.SECONDS);
        try (Context context = new Context(); Socket client = context.socket(SocketType.DEALER)) {
            client.set(Option.LINGER, Duration.ZERO);
            client.connect(endpoint);
            for (String service : List.of("a", "a", "a", "b", "mmi.service")) {
                assertThat(client.send(Message.of(Frame.EMPTY, Frame.of("MDPC01"), Frame.of(service), Frame.of("a")),
                        Duration.ofSeconds(10))).isTrue();
            }
            // The broker handles a client's requests in order: the MMI answer comes after the drops.
            Message answer = client.receive(Duration.ofSeconds(20));
            assertThat(answer).isNotNull();
            assertThat(answer.frames()).endsWith(Frame.of("404"));
        }
        broker.stop();

        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(130);
        assertThat(output()).containsPattern("dropped +client [0-9a-f]+ +service a +\\(service a: 2 requests waiting for a"
                        + " worker \\(expected: < 2, maxQueuedRequests\\)\\)")
                .containsPattern("dropped +client [0-9a-f]+ +service b +\\(the broker knows 1 services \\(expected: <= 1,"
                        + " maxServices\\) and none is b\\)");
    }
}
