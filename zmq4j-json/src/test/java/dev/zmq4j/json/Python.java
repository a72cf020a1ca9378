package dev.zmq4j.json;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pyzmq program ({@code /usr/bin/python3 -c CODE ARGS...}) running beside a test: started,
 * then awaited with a deadline for its stdout lines; {@link #close()} always kills it. The
 * same convention as the core's interop tests: without pyzmq the test is skipped, or fails
 * when the environment variable CI is {@code true}. Not thread-safe: one test thread drives it.
 */
final class Python implements AutoCloseable {
    /** The Debian python with python3-zmq; the python on PATH may lack pyzmq. */
    static final String PYTHON = "/usr/bin/python3";
    private static final String MISSING = "python3-zmq missing: apt-get install python3-zmq";
    private static Boolean available;

    private final List<String> command;
    private final Path output;
    private final Process process;

    private Python(List<String> command) throws IOException {
        this.command = command;
        // Output to a file, not a pipe: waiting with a deadline never races a full pipe.
        this.output = Files.createTempFile("zmq4j-json-python", ".out");
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        process.getOutputStream().close();
    }

    /** Skips the calling test unless {@code /usr/bin/python3} can import zmq; fails instead if CI=true. */
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
            Process p = new ProcessBuilder(PYTHON, "-c", "import zmq, json").redirectErrorStream(true)
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

    /** Starts {@code code} with {@code args} in {@code sys.argv[1:]}. */
    static Python start(String code, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", code));
        command.addAll(List.of(args));
        try {
            return new Python(command);
        } catch (IOException e) {
            throw new AssertionError("cannot start python: " + command, e);
        }
    }

    /**
     * Waits up to {@code deadline} for the program to end and returns its output lines.
     *
     * @throws AssertionError if it runs past the deadline or exits with a status other than 0
     */
    List<String> awaitOutput(Duration deadline) {
        try {
            boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended) {
                fail("python did not finish within " + deadline + ":\n" + out);
            }
            if (process.exitValue() != 0) {
                fail("python exited with " + process.exitValue() + ":\n" + command.get(2) + "\n--- output:\n" + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read python's output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for python", e);
        }
    }

    /** Kills the program if it still runs and removes its output file. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            Files.deleteIfExists(output);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
