package dev.zmq4j.patterns.ppp;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The RFC 6 worker of {@code src/test/resources/ppp/rfc6_worker.py}, run by
 * {@code /usr/bin/python3} with pyzmq (libzmq). As in zmq4j-core's interop tests, a missing
 * python or pyzmq skips the test, except when the environment variable CI is {@code true}: then it
 * fails. Every wait has a deadline; {@link #close()} kills the process. Not thread-safe.
 */
final class PythonWorker implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final String MISSING = "python3-zmq missing: apt-get install python3-zmq";
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();

    PythonWorker(String endpoint, Duration interval, int requests) {
        List<String> command = List.of(PYTHON, "-u", script().toString(), endpoint,
                String.valueOf(interval.toMillis()), String.valueOf(requests));
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        pump(process.getInputStream(), lines::add, "stdout");
        pump(process.getErrorStream(), l -> stderr.append(l).append('\n'), "stderr");
    }

    /** Skips (or, with CI=true, fails) the calling test unless /usr/bin/python3 imports zmq. */
    static void assumeAvailable() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            p.destroyForcibly();
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok) {
            if ("true".equals(System.getenv("CI"))) {
                fail(MISSING + " (CI=true: the interop tests must run)");
            }
            assumeTrue(false, MISSING + " (interop test skipped)");
        }
    }

    /** The next line the worker prints; fails if none comes within {@code timeout}. */
    String nextLine(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(EOF)) {
            throw new AssertionError("python worker: no line within " + timeout + (line == null ? "" : " (it ended)")
                    + "; stderr: " + stderr);
        }
        return line;
    }

    /** Waits for the process to end; its exit status. */
    int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new AssertionError("python worker still running after " + timeout);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process was killed
            } finally {
                sink.accept(EOF);
            }
        }, "python-worker-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static Path script() {
        try (InputStream in = PythonWorker.class.getResourceAsStream("/ppp/rfc6_worker.py")) {
            if (in == null) {
                throw new IllegalStateException("test resource /ppp/rfc6_worker.py missing");
            }
            Path file = Files.createTempFile("rfc6_worker", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
