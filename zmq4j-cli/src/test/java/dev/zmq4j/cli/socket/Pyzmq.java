package dev.zmq4j.cli.socket;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer in another process ({@code /usr/bin/python3 socket/peer.py}, pyzmq), for the
 * socket command tests; see peer.py for its actions. As zmq4j-core's interop PythonPeer: when CI
 * is {@code true} a missing pyzmq fails the test, otherwise the test is skipped. Every wait has a
 * deadline and {@link #close()} kills the process.
 *
 * <p>Not thread-safe: one test thread drives a peer.
 */
final class Pyzmq implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    static final Duration WAIT = Duration.ofSeconds(20);
    private static Boolean available;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private Pyzmq(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        pump(process.getInputStream(), lines::add);
        pump(process.getErrorStream(), l -> stderr.append(l).append('\n'));
    }

    /** Starts a peer: {@code how} is bind or connect, {@code action} as in peer.py, e.g. {@code "recv 3"}. */
    static Pyzmq start(String type, String how, String endpoint, String action) {
        assumeAvailable();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script(), type, how, endpoint));
        command.addAll(List.of(action.split(" ")));
        try {
            return new Pyzmq(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail("python3-zmq missing (CI=true: the interop tests must run)");
            }
            assumeTrue(false, "python3-zmq missing: pyzmq interop tests skipped");
        }
    }

    private static String script() {
        try {
            return Path.of(Pyzmq.class.getResource("/socket/peer.py").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    sink.accept(l);
                }
            } catch (IOException e) {
                sink.accept("(unreadable: " + e + ")");
            }
        }, "pyzmq-peer");
        t.setDaemon(true);
        t.start();
    }

    /** The endpoint the peer bound. */
    String endpoint() {
        return awaitLine("ENDPOINT ").substring("ENDPOINT ".length());
    }

    void awaitReady() {
        awaitLine("READY");
    }

    /** The next line starting with {@code prefix}; fails on FAIL, on the peer's exit, or after {@link #WAIT}. */
    String awaitLine(String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String l;
            try {
                l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (l == null) {
                fail("no '" + prefix + "' from the peer within " + WAIT + "; " + describe());
            }
            seen.add(l);
            if (l.startsWith(prefix)) {
                return l;
            }
            if (l.startsWith("FAIL")) {
                fail("the peer failed: " + l + "; " + describe());
            }
        }
    }

    /** The next line starting with {@code prefix} within {@code wait}, or {@code null}; other lines are kept as seen. */
    String pollLine(String prefix, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String l;
            try {
                l = lines.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (l == null) {
                return null;
            }
            seen.add(l);
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        return null;
    }

    /** Waits for OK and the peer's exit with status 0; returns the MSG lines it printed, without "MSG ". */
    List<String> awaitSuccess() {
        awaitLine("OK");
        try {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("the peer did not exit cleanly; " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return seen.stream().filter(l -> l.startsWith("MSG ")).map(l -> l.substring(4)).toList();
    }

    String describe() {
        return "peer stdout: " + seen + lines + ", stderr: " + stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
