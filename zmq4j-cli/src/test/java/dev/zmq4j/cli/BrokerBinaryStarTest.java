package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.patterns.mdp.MajordomoClient;
import dev.zmq4j.patterns.mdp.MajordomoWorker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zmq4j broker --primary/--backup}: a Binary Star pair of Majordomo brokers, and a failover. */
@Timeout(90)
class BrokerBinaryStarTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration BEAT = Duration.ofMillis(200);

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    }

    /** One broker command of the pair, run on the executor. */
    private final class Member {
        final StringWriter err = new StringWriter();
        final BrokerCommand command;
        final CompletableFuture<String> bound = new CompletableFuture<>();
        final Future<Integer> exit;

        Member(String role, String self, String peer) {
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            command = cl.getSubcommands().get("broker").getCommand();
            command.boundListener = bound::complete;
            exit = executor.submit(() -> cl.execute("broker", "tcp://127.0.0.1:*", "--heartbeat", BEAT.toMillis() + "ms",
                    role, "--state-bind", self, "--state-peer", peer, "--state-heartbeat", BEAT.toMillis() + "ms"));
        }

        String err() {
            synchronized (err) {
                return err.toString();
            }
        }

        void awaitNote(String text) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!err().contains(text)) {
                assertThat(System.nanoTime() - deadline).as("'%s' within %s; stderr: %s", text, WAIT, err()).isNegative();
                assertThat(exit.isDone()).as("broker ended early; stderr: %s", err()).isFalse();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    @Test
    void thePrimaryServesThenTheBackupTakesOverWhenItDies() throws Exception {
        String primaryState = "ipc://" + dir.resolve("primary.state");
        String backupState = "ipc://" + dir.resolve("backup.state");
        Member primary = new Member("--primary", primaryState, backupState);
        Member backup = new Member("--backup", backupState, primaryState);
        String primaryEndpoint = primary.bound.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String backupEndpoint = backup.bound.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        primary.awaitNote("binary star: active");
        backup.awaitNote("binary star: passive");
        assertThat(primary.err()).contains("broker " + primaryEndpoint + " (binary star primary");

        List<String> both = List.of(primaryEndpoint, backupEndpoint);
        try (Context context = new Context();
                MajordomoWorker worker = new MajordomoWorker(context, both, "echo", Heartbeat.every(BEAT),
                        Duration.ofMillis(50), Duration.ofMillis(500));
                MajordomoClient client = new MajordomoClient(context, both, Duration.ofSeconds(2), 10)) {
            worker.start(body -> Message.of("echo " + body.first().toUtf8()));
            assertThat(client.request("echo", "one")).isEqualTo("echo one");
            assertThat(backup.err()).doesNotContain("binary star: active");

            primary.command.stop();
            assertThat(primary.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(130);

            // The client's next try at the dead primary times out; at the backup it is the vote
            // that makes the backup active, and the worker, having lost the primary, moves there.
            assertThat(client.request("echo", "two")).isEqualTo("echo two");
            backup.awaitNote("binary star: active");
            assertThat(client.request("echo", "three")).isEqualTo("echo three");
        }
        backup.command.stop();
        assertThat(backup.exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(130);
    }

    @Test
    void bothRolesOrNeitherStateEndpointIsAUsageError() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cl.execute("broker", "tcp://127.0.0.1:*", "--primary", "--backup",
                "--state-bind", "ipc://" + dir.resolve("a"), "--state-peer", "ipc://" + dir.resolve("b"))).isEqualTo(2);
        assertThat(cl.execute("broker", "tcp://127.0.0.1:*", "--primary")).isEqualTo(2);
    }
}
