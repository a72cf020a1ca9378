package dev.zmq4j;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A libzmq CURVE peer in another process: {@code /usr/bin/python3 interop/curve_peer.py MODE ...}
 * (pyzmq on the system's libzmq; the modes are described in the script). Its stdout is read line
 * by line; every wait has a deadline and {@link #close()} kills the process. Not thread-safe.
 */
final class CurvePythonPeer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();

    private CurvePythonPeer(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines::add, true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                l -> stderr.append(l).append('\n'), false);
    }

    /** Skips the calling test unless python3 has pyzmq on a libzmq with CURVE. */
    static void assumeAvailable() {
        boolean ok;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq, sys; sys.exit(0 if zmq.has('curve') else 1)")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok && "true".equals(System.getenv("CI"))) {
            fail("python3-zmq with CURVE missing (CI=true: the interop tests must run)");
        }
        assumeTrue(ok, "python3-zmq with CURVE missing: CURVE interop skipped");
    }

    /** Starts {@code curve_peer.py} with {@code args}. */
    static CurvePythonPeer start(String... args) {
        URL url = CurvePythonPeer.class.getResource("/interop/curve_peer.py");
        if (url == null) {
            throw new IllegalStateException("interop/curve_peer.py is not on the test classpath");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u"));
        try {
            command.add(Path.of(url.toURI()).toString());
            command.addAll(List.of(args));
            return new CurvePythonPeer(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pump(BufferedReader in, java.util.function.Consumer<String> sink, boolean markEnd) {
        Thread t = new Thread(() -> {
            try (in) {
                for (String l; (l = in.readLine()) != null; ) {
                    sink.accept(l);
                }
            } catch (IOException e) {
                sink.accept("(unreadable: " + e + ")");
            } finally {
                if (markEnd) {
                    sink.accept(EOF);
                }
            }
        }, "curve-python-peer");
        t.setDaemon(true);
        t.start();
    }

    /** The words of the next stdout line that starts with {@code prefix}; fails on FAIL, exit or timeout. */
    String[] await(String prefix) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (line == null || line.equals(EOF)) {
                fail("the python peer " + (line == null ? "printed nothing" : "ended") + " before '" + prefix + "'; " + describe());
            }
            seen.add(line);
            if (line.startsWith("FAIL")) {
                fail("the python peer failed: " + line + "; " + describe());
            }
            if (line.startsWith(prefix)) {
                return line.split(" ");
            }
        }
    }

    /** Closes the peer's stdin (ends the {@code deny} mode). */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String describe() {
        return "stdout: " + seen + ", stderr: " + stderr.toString().strip();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
