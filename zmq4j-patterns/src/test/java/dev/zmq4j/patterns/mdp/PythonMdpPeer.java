package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An MDP client or worker written from RFC 7 in Python ({@code /usr/bin/python3} with pyzmq, on
 * libzmq), run as {@code src/test/resources/mdp/mdp_peer.py}; see that script for what it sends.
 * It prints {@code READY}, then {@code REPLY ...} lines (a client), then {@code OK ...} or
 * {@code FAIL ...}. Every wait has a deadline; {@link #close()} kills the process.
 *
 * <p>When the environment variable CI is {@code true}, a missing python or pyzmq fails the test
 * (interop must run in CI); otherwise the test is skipped. Not thread-safe: one test thread.
 */
final class PythonMdpPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String MISSING = "python3-zmq missing: apt-get install python3-zmq";
    private static Boolean available;

    private final List<String> command;
    private final Process process;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private PythonMdpPeer(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).start();
        read(process.getInputStream(), stdout::add);
        read(process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /** Starts {@code mdp_peer.py args...}. */
    static PythonMdpPeer start(String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script().toString()));
        command.addAll(List.of(args));
        try {
            return new PythonMdpPeer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Skips the test unless python with pyzmq is there; fails instead when CI=true. */
    static synchronized void assumeAvailable() {
        if (available == null) {
            available = probe();
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the interop tests must run)");
            }
            assumeTrue(false, MISSING + " (interop tests with pyzmq skipped)");
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until a stdout line starts with {@code prefix}; fails on a FAIL line or after {@code timeout}. */
    void awaitLine(String prefix, Duration timeout) {
        Await.until(() -> {
            if (stdout.stream().anyMatch(l -> l.startsWith("FAIL"))) {
                fail("the python peer failed; " + describe());
            }
            return stdout.stream().anyMatch(l -> l.startsWith(prefix));
        }, timeout, "python printed '" + prefix + "'; " + describe());
    }

    /** Waits for the peer to print OK and exit 0. */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        awaitLine("OK", timeout);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the python peer printed OK but did not exit; " + describe());
        }
        if (process.exitValue() != 0) {
            fail("the python peer exited with " + process.exitValue() + "; " + describe());
        }
    }

    /** What it printed on stdout so far. */
    List<String> lines() {
        return List.copyOf(stdout);
    }

    String describe() {
        return "python " + String.join(" ", command.subList(3, command.size())) + " (" + (process.isAlive() ? "running"
                : "exit " + process.exitValue()) + ") stdout=" + stdout + " stderr=" + stderr;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Path script() {
        URL url = PythonMdpPeer.class.getResource("/mdp/mdp_peer.py");
        if (url == null) {
            throw new IllegalStateException("mdp/mdp_peer.py is not on the test classpath");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempFile("mdp_peer", ".py");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void read(InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(unreadable: " + e + ")");
            }
        }, "python-mdp-peer");
        t.setDaemon(true);
        t.start();
    }
}
