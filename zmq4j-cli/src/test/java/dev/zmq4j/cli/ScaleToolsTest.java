package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** router-srv and dealer-clients run against each other in this process at a small scale, over tcp. */
@Timeout(120)
class ScaleToolsTest {
    private static final String KIB = "-?[0-9]+ \\[kB\\]";
    private static final String BYTES = "-?[0-9]+ \\[B\\]";

    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Starts router-srv on an ephemeral port; completes {@code endpoint} once it is bound. */
    private Future<Integer> startServer(CapturedRun server, CompletableFuture<String> endpoint, int clients, int requests) {
        RouterServer tool = server.tool("router-srv");
        tool.boundListener = endpoint::complete;
        return executor.submit(() -> server.commandLine.execute("perf", "router-srv", "tcp://127.0.0.1:*",
                String.valueOf(clients), String.valueOf(requests)));
    }

    @Test
    void fiftyDealersConnectAndMakeEveryRoundTripWithLinesForMemoryAndThroughput() throws Exception {
        CapturedRun server = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Future<Integer> serverExit = startServer(server, endpoint, 50, 20);
        CapturedRun clients = new CapturedRun();

        int clientExit = clients.commandLine.execute("perf", "dealer-clients", endpoint.get(10, TimeUnit.SECONDS), "50", "64", "20");

        assertThat(clientExit).as(clients.err.toString()).isZero();
        assertThat(serverExit.get(60, TimeUnit.SECONDS)).as(server.err.toString()).isZero();
        List<String> c = clients.lines();
        assertThat(c).hasSize(13);
        assertThat(c.get(0)).isEqualTo("clients: 50");
        assertThat(c.get(1)).isEqualTo("message size: 64 [B]");
        assertThat(c.get(2)).matches("first connect time: [0-9]+\\.[0-9]{3} \\[ms\\]");
        assertThat(c.get(3)).matches("connect time: [0-9]+\\.[0-9]{3} \\[ms\\]");
        assertThat(figure(c.get(2))).isPositive().isLessThanOrEqualTo(figure(c.get(3)));
        assertMemoryLines(c.subList(4, 10));
        assertThat(c.get(10)).isEqualTo("roundtrip count: 1000");
        assertThat(c.get(11)).matches("throughput: [1-9][0-9]* \\[roundtrips/s\\]");
        assertThat(c.get(12)).matches("cpu per roundtrip: [0-9]+\\.[0-9]{3} \\[us\\]");
        assertThat(figure(c.get(12))).isPositive();

        List<String> s = server.lines();
        assertThat(s).hasSize(10);
        assertThat(s.get(0)).isEqualTo("clients: 50");
        assertMemoryLines(s.subList(1, 7));
        // The server's connection count shows in its descriptors: one per DEALER.
        assertThat(figure(s.get(6))).isGreaterThanOrEqualTo(50);
        assertThat(s.get(7)).isEqualTo("roundtrip count: 1000");
        assertThat(s.get(8)).matches("throughput: [1-9][0-9]* \\[roundtrips/s\\]");
        assertThat(s.get(9)).matches("cpu per roundtrip: [0-9]+\\.[0-9]{3} \\[us\\]");
    }

    @Test
    void clientsInTwoProcessesStartTogetherAndAnIdleOneStaysUntilTheServerIsDone() throws Exception {
        CapturedRun server = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Future<Integer> serverExit = startServer(server, endpoint, 30, 10);
        String ep = endpoint.get(10, TimeUnit.SECONDS);
        // 20 DEALERs that only stay connected, and 10 that make 10 round trips each with 2 in flight.
        CapturedRun idle = new CapturedRun();
        Future<Integer> idleExit = executor.submit(() -> idle.commandLine.execute("perf", "dealer-clients", ep, "20", "16", "10", "1", "0"));
        CapturedRun busy = new CapturedRun();

        int busyExit = busy.commandLine.execute("perf", "dealer-clients", ep, "10", "16", "10", "2");

        assertThat(busyExit).as(busy.err.toString()).isZero();
        assertThat(idleExit.get(60, TimeUnit.SECONDS)).as(idle.err.toString()).isZero();
        assertThat(serverExit.get(60, TimeUnit.SECONDS)).as(server.err.toString()).isZero();
        assertThat(idle.lines()).contains("clients: 20", "roundtrip count: 0");
        assertThat(busy.lines()).contains("clients: 10", "roundtrip count: 100");
        assertThat(server.lines()).contains("clients: 30", "roundtrip count: 100");
    }

    @Test
    void rejectsMoreActiveDealersThanDealersAsAUsageError() {
        CapturedRun run = new CapturedRun();

        int exit = run.commandLine.execute("perf", "dealer-clients", "tcp://127.0.0.1:5555", "10", "64", "10", "1", "11");

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).contains("active: 11 (expected: <= clients, 10)");
    }

    @Test
    void rejectsAnEmptyMessageSizeAsAUsageError() {
        CapturedRun run = new CapturedRun();

        int exit = run.commandLine.execute("perf", "dealer-clients", "tcp://127.0.0.1:5555", "10", "0", "10");

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).contains("size: 0 (expected: >= 1)");
    }

    private static void assertMemoryLines(List<String> lines) {
        assertThat(lines.get(0)).matches("rss before: " + KIB);
        assertThat(lines.get(1)).matches("rss connected: " + KIB);
        assertThat(lines.get(2)).matches("rss per connection: " + BYTES);
        assertThat(lines.get(3)).matches("heap per connection: " + BYTES);
        assertThat(lines.get(4)).matches("threads: [1-9][0-9]*");
        assertThat(lines.get(5)).matches("open files: [1-9][0-9]*");
        assertThat(figure(lines.get(0))).isPositive();
    }

    private static double figure(String line) {
        String[] words = line.split(" ");
        String last = words[words.length - 1];
        return Double.parseDouble(last.startsWith("[") ? words[words.length - 2] : last);
    }
}
