package dev.zmq4j.interop;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq peer in another process: {@code /usr/bin/python3 peer.py} (pyzmq on the system's
 * libzmq), driven by command-line arguments; see {@code src/test/resources/interop/peer.py} for
 * the modes and the exact message contents, which {@link Payloads} reproduces.
 *
 * <p>The peer prints {@code ENDPOINT <endpoint>} after a bind, {@code READY} once its socket is
 * set up, and {@code OK <details>} or {@code FAIL <why>} at the end; it exits with status 0 only
 * after OK. Every wait here has a deadline, and {@link #close()} always kills the process.
 *
 * <p>Not thread-safe: one test thread drives a peer.
 */
final class PythonPeer implements AutoCloseable {
    /** The Debian python with python3-zmq; the python on PATH may lack pyzmq. */
    static final String PYTHON = "/usr/bin/python3";
    /** How long a peer may take to start and print a line it is expected to print soon. */
    static final Duration STARTUP = Duration.ofSeconds(20);

    private static final String MISSING = "python3-zmq missing: apt-get install python3-zmq";
    private static final String EOF = "\u0000EOF";
    private static Boolean available;
    private static Path script;

    private final List<String> command;
    private final Process process;
    private final BlockingQueue<String> arrivals = new LinkedBlockingQueue<>();
    private final List<String> stdout = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private boolean stdoutEnded;

    private PythonPeer(List<String> command) throws IOException {
        this.command = command;
        this.process = new ProcessBuilder(command).start();
        this.stdoutReader = reader("stdout", process.getInputStream(), arrivals::add);
        this.stderrReader = reader("stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'));
    }

    /**
     * Starts a peer whose socket of {@code type} binds to {@code endpoint} and then runs
     * {@code script} ({@code "MODE KIND N [options]"}, e.g. {@code "recv seq 1000"}).
     */
    static PythonPeer bind(String type, String endpoint, String script) {
        return start(type, "bind", endpoint, script);
    }

    /** Starts a peer whose socket of {@code type} connects to {@code endpoint}, then runs {@code script}. */
    static PythonPeer connect(String type, String endpoint, String script) {
        return start(type, "connect", endpoint, script);
    }

    private static PythonPeer start(String type, String how, String endpoint, String script) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script().toString(), type, how, endpoint));
        command.addAll(Arrays.asList(script.trim().split("\\s+")));
        try {
            return new PythonPeer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Skips the calling test class unless {@code /usr/bin/python3} can import zmq; when the
     * environment variable CI is {@code true}, fails instead, so that CI never skips interop
     * silently.
     */
    static synchronized void assumeAvailable() {
        if (available == null) {
            available = probe();
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the interop tests must run)");
            }
            assumeTrue(false, MISSING + " (interop tests with libzmq skipped)");
        }
    }

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
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

    /** The peer program as a file: straight from the test classpath, or copied out of a jar. */
    private static synchronized Path script() {
        if (script == null) {
            URL url = PythonPeer.class.getResource("/interop/peer.py");
            if (url == null) {
                throw new IllegalStateException("interop/peer.py is not on the test classpath");
            }
            try {
                if ("file".equals(url.getProtocol())) {
                    script = Path.of(url.toURI());
                } else {
                    script = Files.createTempFile("zmq4j-peer", ".py");
                    script.toFile().deleteOnExit();
                    try (InputStream in = url.openStream()) {
                        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return script;
    }

    private static Thread reader(String name, InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(" + name + " unreadable: " + e + ")");
            } finally {
                if (name.equals("stdout")) {
                    sink.accept(EOF);
                }
            }
        }, "python-peer-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The endpoint the peer bound to (its {@code ENDPOINT} line), waiting for it to start. */
    String endpoint() {
        return awaitLine("ENDPOINT ", STARTUP).substring("ENDPOINT ".length()).trim();
    }

    /** Waits until the peer's socket is bound or connecting ({@code READY}). */
    void awaitReady() {
        awaitLine("READY", STARTUP);
    }

    /**
     * Waits for the first stdout line that starts with {@code prefix} and returns it; fails at
     * once if the peer prints FAIL or exits first, and after {@code timeout}.
     */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int seen = 0; ; seen++) {
            while (seen >= stdout.size()) {
                if (stdoutEnded) {
                    fail("the python peer ended before printing '" + prefix + "'; " + describe());
                }
                String line;
                try {
                    line = arrivals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the python peer", e);
                }
                if (line == null) {
                    fail("the python peer printed no '" + prefix + "' within " + timeout + "; " + describe());
                } else if (line.equals(EOF)) {
                    stdoutEnded = true;
                } else {
                    stdout.add(line);
                }
            }
            String line = stdout.get(seen);
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.startsWith("FAIL")) {
                fail("the python peer failed: " + line + "; " + describe());
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the peer to finish, and checks that it succeeded.
     *
     * @return its {@code OK} line, e.g. {@code "OK received 1000"}
     */
    String awaitSuccess(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String ok = awaitLine("OK", timeout);
        try {
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                fail("the python peer printed '" + ok + "' but did not exit within " + timeout + "; " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the python peer", e);
        }
        if (process.exitValue() != 0) {
            fail("the python peer exited with status " + process.exitValue() + "; " + describe());
        }
        return ok;
    }

    /** Closes the peer's stdin, which ends a peer that waits for it ({@code --stay}, {@code topics}). */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the peer at once (SIGKILL: no linger, no goodbye) and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(STARTUP.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the python peer survived SIGKILL for " + STARTUP + "; " + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing the python peer", e);
        }
    }

    /** The command, status, output and errors of the peer, for failure messages. */
    String describe() {
        List<String> lines = new ArrayList<>(stdout);
        arrivals.stream().filter(l -> !l.equals(EOF)).forEach(lines::add);
        String status = process.isAlive() ? "running" : "exit status " + process.exitValue();
        return "python peer " + String.join(" ", command.subList(3, command.size())) + " (" + status + ")"
                + "\n  stdout: " + String.join("\n          ", lines)
                + "\n  stderr: " + stderr.toString().strip().replace("\n", "\n          ");
    }

    /** Kills the peer if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            stdoutReader.join(1000);
            stderrReader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
