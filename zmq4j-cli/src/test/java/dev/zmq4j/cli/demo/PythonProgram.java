package dev.zmq4j.cli.demo;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pyzmq program (libzmq on the other side) run as {@code /usr/bin/python3 -c script args...},
 * its stdout read line by line with deadlines; {@link #close()} kills it. Follows the interop
 * convention of zmq4j-core's PythonPeer: without pyzmq the test is skipped, or fails when the
 * environment variable CI is {@code true}. Not thread-safe.
 */
final class PythonProgram implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String MISSING = "python3-zmq missing: apt-get install python3-zmq";
    private static final String EOF = "\u0000EOF";
    private static Boolean available;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private PythonProgram(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", "-c", script));
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).start();
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true), "python-stdout");
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false), "python-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    static PythonProgram start(String script, String... args) {
        assumeAvailable();
        try {
            return new PythonProgram(script, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pump(BufferedReader reader, boolean stdout) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                if (stdout) {
                    lines.add(line);
                } else {
                    stderr.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            stderr.append(e).append('\n');
        } finally {
            if (stdout) {
                lines.add(EOF);
            }
        }
    }

    static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
                p.destroyForcibly();
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        if (!available) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the interop tests must run)");
            }
            assumeTrue(false, MISSING + " (interop tests with libzmq skipped)");
        }
    }

    /** The next stdout line starting with {@code prefix}, waiting at most {@code timeout}. */
    String line(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (line == null || line.equals(EOF)) {
                fail("python printed no '" + prefix + "' within " + timeout + " (" + (line == null ? "still running" : "ended") + ")"
                        + "; stdout " + seen + "; stderr: " + stderr);
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits at most {@code timeout} for the program to end and returns its exit status. */
    int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("python did not end within " + timeout + "; stdout " + seen + "; stderr: " + stderr);
        }
        return process.exitValue();
    }

    String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
