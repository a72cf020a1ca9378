package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The socket commands as real processes ({@code java -cp <test classpath> dev.zmq4j.cli.Main}),
 * for what needs real standard streams and signals: many input lines all delivered, a closed
 * standard output, Ctrl-C.
 */
@Timeout(90)
class SocketCommandPipeTest {
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killProcesses() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // as bin/zmq4j does: JDK 24+ warn on standard error about Netty's JNI library without it
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "dev.zmq4j.cli.Main"));
        command.addAll(List.of(args));
        if (sigintIgnored()) {
            // Started from a shell's background job (no job control), this JVM and its children
            // inherit SIGINT ignored, and the JVM then installs no handler for it: Ctrl-C could
            // not be tested. Restore the default disposition for the command (python3 is a test
            // peer here anyway).
            command.addAll(0, List.of("python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"));
        }
        Process p = new ProcessBuilder(command).start();
        processes.add(p);
        return p;
    }

    /** The endpoint a process reports on standard error as {@code zmq4j <cmd>: bound <ep>}. */
    private static CompletableFuture<String> boundEndpoint(Process p) {
        CompletableFuture<String> bound = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    int i = l.indexOf(": bound ");
                    if (i >= 0) {
                        bound.complete(l.substring(i + ": bound ".length()));
                    }
                }
            } catch (IOException e) {
                bound.completeExceptionally(e);
            }
            bound.completeExceptionally(new AssertionError("the process ended without reporting its endpoint"));
        }, "stderr");
        t.setDaemon(true);
        t.start();
        return bound;
    }

    @Test
    void pushSendsEveryLineOfALargeInputThenExits() throws Exception {
        int lines = 50_000;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            Process push = start("push", "--connect", endpoint);
            Thread feeder = new Thread(() -> {
                try (OutputStream in = push.getOutputStream()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= lines; i++) {
                        b.append(i).append('\n');
                    }
                    in.write(b.toString().getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "feeder");
            feeder.start();
            for (int i = 1; i <= lines; i++) {
                Message m = pull.receive(Duration.ofSeconds(20));
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(m.first().toUtf8()).isEqualTo(Integer.toString(i));
            }
            assertThat(push.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(push.exitValue()).isZero();
            assertThat(new String(push.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .as("no progress line: standard error is a pipe").isEmpty();
            assertThat(pull.receive(Duration.ofMillis(100))).isNull();
        }
    }

    @Test
    void pullExitsCleanlyWhenItsReaderClosesStandardOutput() throws Exception {
        Process pull = start("pull", "--bind", "tcp://127.0.0.1:*");
        CompletableFuture<String> endpoint = boundEndpoint(pull);
        try (Context context = new Context(); Socket push = context.socket(SocketType.PUSH)) {
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(endpoint.get(20, TimeUnit.SECONDS));
            BufferedReader out = new BufferedReader(new InputStreamReader(pull.getInputStream(), StandardCharsets.UTF_8));
            int sent = 0;
            for (; sent < 3; sent++) {
                push.send("line-" + sent);
            }
            assertThat(out.readLine()).isEqualTo("line-0");
            assertThat(out.readLine()).isEqualTo("line-1");
            assertThat(out.readLine()).isEqualTo("line-2");
            out.close();
            // Keep offering messages: the command notices the closed pipe at its next line.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pull.isAlive() && System.nanoTime() < deadline) {
                push.send("line-" + sent++, Duration.ofMillis(10));
                pull.waitFor(10, TimeUnit.MILLISECONDS);
            }
            assertThat(pull.isAlive()).isFalse();
            assertThat(pull.exitValue()).isZero();
        }
    }

    @Test
    void ctrlCEndsAWaitingCommandWithStatus130() throws Exception {
        Process sub = start("sub", "--bind", "tcp://127.0.0.1:*");
        boundEndpoint(sub).get(20, TimeUnit.SECONDS);
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(sub.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // Once seen to hang here for 30 s in a loaded CI run: if it does, the failure carries the
        // command's thread dump, so that the hang can be read.
        boolean ended = sub.waitFor(30, TimeUnit.SECONDS);
        assertThat(ended).as("sub ended within 30 s of SIGINT; its threads:%n%s", ended ? "" : threadDump(sub)).isTrue();
        assertThat(sub.exitValue()).isEqualTo(ExitStatus.INTERRUPTED);
    }

    private static String threadDump(Process process) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(20, TimeUnit.SECONDS);
            return dump;
        } catch (java.io.IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status, Linux). */
    private static boolean sigintIgnored() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume the default disposition
        }
        return false;
    }
}
