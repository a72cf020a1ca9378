package dev.zmq4j.cli;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bound libzmq socket in a pyzmq process ({@code src/test/resources/probe/peer.py}) for the probe
 * tests: {@code TYPE [metadata=NAME:VALUE] [curve] [plain] [plain-zap=USER:PASSWORD]}; it lives until {@link #close()}. Without pyzmq
 * the test is skipped, or fails when the environment variable CI is {@code true} (the convention
 * of zmq4j-core's interop tests). Not thread-safe.
 */
final class PyzmqPeer implements AutoCloseable {
    static final String PYTHON = "/usr/bin/python3";
    private static final long STARTUP_SECONDS = 20;
    private static Boolean available;

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private String endpoint;
    private String serverKey;

    private PyzmqPeer(List<String> command) throws IOException {
        process = new ProcessBuilder(command).start();
        pump(process.getInputStream(), lines::add);
        pump(process.getErrorStream(), l -> stderr.append(l).append('\n'));
    }

    /** Starts a peer, or skips the test (fails it on CI) without pyzmq; waits until it is bound. */
    static PyzmqPeer bind(String type, String... options) {
        assumeAvailable();
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", script().toString(), type));
        command.addAll(Arrays.asList(options));
        PyzmqPeer peer;
        try {
            peer = new PyzmqPeer(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        peer.awaitEndpoint();
        return peer;
    }

    private static synchronized void assumeAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                available = p.waitFor(STARTUP_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                available = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                available = false;
            }
        }
        if (!available) {
            String missing = "python3-zmq missing: apt-get install python3-zmq";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing + " (CI=true: the libzmq probe tests must run)");
            }
            assumeTrue(false, missing + " (libzmq probe tests skipped)");
        }
    }

    private static Path script() {
        try (InputStream in = PyzmqPeer.class.getResourceAsStream("/probe/peer.py")) {
            if (in == null) {
                throw new IllegalStateException("probe/peer.py is not on the test classpath");
            }
            Path file = Files.createTempFile("zmq4j-probe-peer", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                sink.accept("(unreadable: " + e + ")");
            }
        }, "pyzmq-peer-output");
        t.setDaemon(true);
        t.start();
    }

    private void awaitEndpoint() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
        while (endpoint == null) {
            String line;
            try {
                line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for the pyzmq peer", e);
            }
            if (line == null) {
                close();
                fail("the pyzmq peer printed no ENDPOINT within " + STARTUP_SECONDS + "s; stderr: " + stderr);
            } else if (line.startsWith("KEY ")) {
                serverKey = line.substring(4).trim();
            } else if (line.startsWith("ENDPOINT ")) {
                endpoint = line.substring(9).trim();
            } else if (line.startsWith("FAIL")) {
                close();
                fail("the pyzmq peer failed: " + line);
            }
        }
    }

    /** The endpoint the peer's socket is bound to. */
    String endpoint() {
        return endpoint;
    }

    /** The CURVE server's public key (Z85), when started with {@code curve}. */
    String serverKey() {
        return serverKey;
    }

    /** Ends the peer: closes its stdin, then kills it if it lingers. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
