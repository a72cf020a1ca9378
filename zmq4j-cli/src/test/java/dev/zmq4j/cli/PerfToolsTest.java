package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The perf tools run pairwise in this process over tcp, checked against libzmq's output lines. */
@Timeout(60)
class PerfToolsTest {
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    /** Starts a local-* tool on an ephemeral port; completes {@code endpoint} once it is bound. */
    private Future<Integer> startLocal(CapturedRun local, String tool, CompletableFuture<String> endpoint, String size, String count) {
        local.perfTool(tool).boundListener = endpoint::complete;
        return executor.submit(() -> local.commandLine.execute("perf", tool, "tcp://127.0.0.1:*", size, count));
    }

    @Test
    void throughputToolsPrintLibzmqLinesWithConsistentFigures() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Future<Integer> localExit = startLocal(local, "local-thr", endpoint, "64", "20000");

        int remoteExit = new CapturedRun().commandLine.execute("perf", "remote-thr", endpoint.get(10, TimeUnit.SECONDS), "64", "20000");

        assertThat(remoteExit).isZero();
        assertThat(localExit.get(30, TimeUnit.SECONDS)).isZero();
        List<String> lines = local.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("message size: 64 [B]");
        assertThat(lines.get(1)).isEqualTo("message count: 20000");
        assertThat(lines.get(2)).matches("mean throughput: [1-9][0-9]* \\[msg/s\\]");
        assertThat(lines.get(3)).matches("mean throughput: [0-9]+\\.[0-9]{3} \\[Mb/s\\]");
        long messagesPerSecond = Long.parseLong(lines.get(2).split(" ")[2]);
        String megabits = String.format(Locale.ROOT, "%.3f", messagesPerSecond * 64 * 8 / 1e6);
        assertThat(lines.get(3)).isEqualTo("mean throughput: " + megabits + " [Mb/s]");
    }

    @Test
    void latencyToolsPrintLibzmqLinesThenOrderedPercentiles() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Future<Integer> localExit = startLocal(local, "local-lat", endpoint, "64", "500");
        CapturedRun remote = new CapturedRun();

        int remoteExit = remote.commandLine.execute("perf", "remote-lat", endpoint.get(10, TimeUnit.SECONDS), "64", "500");

        assertThat(remoteExit).isZero();
        assertThat(localExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(local.lines()).isEmpty();
        List<String> lines = remote.lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("message size: 64 [B]");
        assertThat(lines.get(1)).isEqualTo("roundtrip count: 500");
        String micros = "[0-9]+\\.[0-9]{3} \\[us\\]";
        assertThat(lines.get(2)).matches("average latency: " + micros);
        assertThat(lines.get(3)).matches("p50 latency: " + micros);
        assertThat(lines.get(4)).matches("p99 latency: " + micros);
        assertThat(lines.get(5)).matches("p99\\.9 latency: " + micros);
        assertThat(lines.get(6)).matches("p99\\.99 latency: " + micros);
        double p50 = figure(lines.get(3));
        double p99 = figure(lines.get(4));
        double p999 = figure(lines.get(5));
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(p999).isLessThanOrEqualTo(figure(lines.get(6)));
        assertThat(figure(lines.get(2))).isPositive();
    }

    @Test
    void inprocThroughputPrintsLibzmqLines() {
        CapturedRun run = new CapturedRun();
        assertThat(run.commandLine.execute("perf", "inproc-thr", "64", "50000")).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("message size: 64 [B]");
        assertThat(lines.get(1)).isEqualTo("message count: 50000");
        assertThat(lines.get(2)).matches("mean throughput: [1-9][0-9]* \\[msg/s\\]");
        assertThat(lines.get(3)).matches("mean throughput: [0-9]+\\.[0-9]{3} \\[Mb/s\\]");
    }

    @Test
    void inprocLatencyPrintsLibzmqLinesThenPercentiles() {
        CapturedRun run = new CapturedRun();
        assertThat(run.commandLine.execute("perf", "inproc-lat", "64", "2000")).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("message size: 64 [B]");
        assertThat(lines.get(1)).isEqualTo("roundtrip count: 2000");
        assertThat(lines.get(2)).matches("average latency: [0-9]+\\.[0-9]{3} \\[us\\]");
        assertThat(figure(lines.get(2))).isPositive();
        assertThat(lines.get(6)).matches("p99\\.99 latency: [0-9]+\\.[0-9]{3} \\[us\\]");
        assertThat(figure(lines.get(6))).isGreaterThanOrEqualTo(figure(lines.get(5)));
    }

    @Test
    void throughputToolsRunOverIpc() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        local.perfTool("local-thr").boundListener = endpoint::complete;
        Future<Integer> localExit = executor.submit(() -> local.commandLine.execute("perf", "local-thr", "ipc://*", "64", "20000"));
        String ep = endpoint.get(10, TimeUnit.SECONDS);
        assertThat(ep).startsWith("ipc:///");
        assertThat(new CapturedRun().commandLine.execute("perf", "remote-thr", ep, "64", "20000")).isZero();
        assertThat(localExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(local.lines()).hasSize(4).first().isEqualTo("message size: 64 [B]");
    }

    @Test
    void localThroughputFailsOnAMessageOfTheWrongSize() throws Exception {
        CapturedRun local = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Future<Integer> localExit = startLocal(local, "local-thr", endpoint, "64", "10");

        new CapturedRun().commandLine.execute("perf", "remote-thr", endpoint.get(10, TimeUnit.SECONDS), "32", "10");

        assertThat(localExit.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(local.err.toString()).contains("message of incorrect size received: 32 (expected: 64)");
        assertThat(local.lines()).isEmpty();
    }

    @Test
    void pubSubThroughputToolsPrintAggregateLinesWithConsistentFigures() throws Exception {
        CapturedRun pub = new CapturedRun();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        pub.perfTool("pub-thr").boundListener = endpoint::complete;
        Future<Integer> pubExit = executor.submit(() -> pub.commandLine.execute("perf", "pub-thr", "tcp://127.0.0.1:*", "64", "20000", "3"));
        CapturedRun sub = new CapturedRun();

        int subExit = sub.commandLine.execute("perf", "sub-thr", endpoint.get(10, TimeUnit.SECONDS), "64", "20000", "3");

        assertThat(subExit).isZero();
        assertThat(pubExit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(pub.lines()).isEmpty();
        List<String> lines = sub.lines();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).isEqualTo("message size: 64 [B]");
        assertThat(lines.get(1)).isEqualTo("message count: 20000");
        assertThat(lines.get(2)).isEqualTo("subscribers: 3");
        assertThat(lines.get(3)).matches("delivered: [1-9][0-9]* of 60000");
        assertThat(lines.get(4)).matches("per-subscriber minimum: [0-9]+ of 20000");
        assertThat(lines.get(5)).matches("mean throughput: [1-9][0-9]* \\[msg/s\\]");
        assertThat(lines.get(6)).matches("mean throughput: [0-9]+\\.[0-9]{3} \\[Mb/s\\]");
        long delivered = Long.parseLong(lines.get(3).split(" ")[1]);
        long minimum = Long.parseLong(lines.get(4).split(" ")[2]);
        assertThat(delivered).isLessThanOrEqualTo(60000).isGreaterThanOrEqualTo(3 * minimum);
        long messagesPerSecond = Long.parseLong(lines.get(5).split(" ")[2]);
        String megabits = String.format(Locale.ROOT, "%.3f", messagesPerSecond * 64 * 8 / 1e6);
        assertThat(lines.get(6)).isEqualTo("mean throughput: " + megabits + " [Mb/s]");
    }

    @Test
    void subThroughputStopsEachSubscriberAtTheEndMarkerAndCountsWhatArrived() throws Exception {
        try (Context context = new Context(); Socket xpub = context.socket(SocketType.XPUB)) {
            xpub.set(Option.XPUB_VERBOSE, true);
            String endpoint = xpub.bind("tcp://127.0.0.1:*");
            CapturedRun sub = new CapturedRun();
            Future<Integer> subExit = executor.submit(() -> sub.commandLine.execute("perf", "sub-thr", endpoint, "64", "100", "2"));
            for (int subscribed = 0; subscribed < 2; ) {
                byte[] s = xpub.receiveBytes(Duration.ofSeconds(10));
                assertThat(s).as("a subscription").isNotNull();
                if (s[0] == 1) {
                    subscribed++;
                }
            }
            for (int i = 0; i < 5; i++) {
                xpub.send(new byte[64]);
            }
            // The end marker, as pub-thr sends it: repeated until both subscribers have cancelled.
            byte[] cancel;
            do {
                xpub.send(new byte[0]);
                cancel = xpub.receiveBytes(Duration.ofMillis(1));
            } while (cancel == null || cancel[0] != 0);

            assertThat(subExit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(sub.lines()).containsSubsequence(
                    "message count: 100", "subscribers: 2", "delivered: 10 of 200", "per-subscriber minimum: 5 of 100");
        }
    }

    @Test
    void pubSubToolsRejectAnEmptyMessageSizeBecauseItIsTheEndMarker() {
        CapturedRun run = new CapturedRun();

        int exit = run.commandLine.execute("perf", "sub-thr", "tcp://127.0.0.1:5555", "0", "10", "2");

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).contains("message-size: 0 (expected: >= 1");
    }

    @Test
    void rejectsACountBelowOneAsAUsageError() {
        CapturedRun run = new CapturedRun();

        int exit = run.commandLine.execute("perf", "remote-thr", "tcp://127.0.0.1:5555", "64", "0");

        assertThat(exit).isEqualTo(2);
        assertThat(run.err.toString()).contains("count: 0 (expected: >= 1)");
    }

    @Test
    void anEndpointInUseIsOneLineOnStandardErrorAndExitStatus3() {
        try (dev.zmq4j.Context ctx = new dev.zmq4j.Context(); dev.zmq4j.Socket taken = ctx.socket(dev.zmq4j.SocketType.PULL)) {
            String endpoint = taken.bind("tcp://127.0.0.1:*");
            CapturedRun run = new CapturedRun();
            assertThat(run.commandLine.execute("perf", "local-thr", endpoint, "64", "10")).isEqualTo(3);
            List<String> errors = run.err.toString().lines().toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).startsWith("local-thr: " + endpoint + ": ").containsIgnoringCase("in use");
            assertThat(run.lines()).isEmpty();
        }
    }

    private static double figure(String line) {
        String[] words = line.split(" ");
        return Double.parseDouble(words[words.length - 2]);
    }
}
