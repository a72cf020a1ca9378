package dev.zmq4j.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short pyzmq program run to its end: {@code /usr/bin/python3 -c CODE ARGS...}, its stdout
 * returned as lines. For checks that need no socket (key derivation, Z85, certificate files);
 * callers first call {@link PythonPeer#assumeAvailable()}, which skips or (CI=true) fails.
 */
final class PythonSnippet {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private PythonSnippet() {
    }

    /**
     * Runs {@code code} with {@code args} in {@code sys.argv[1:]} and returns its stdout lines.
     *
     * @throws AssertionError if it exits with a status other than 0 or runs past the deadline
     */
    static List<String> run(String code, String... args) {
        List<String> command = new ArrayList<>(List.of(PythonPeer.PYTHON, "-c", code));
        command.addAll(List.of(args));
        Path output = null;
        try {
            // Output to a file, not a pipe: waiting with a deadline never races a full pipe.
            output = Files.createTempFile("zmq4j-python", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            p.getOutputStream().close();
            boolean ended = p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended) {
                fail("python did not finish within " + DEADLINE + ": " + out);
            }
            if (p.exitValue() != 0) {
                fail("python exited with " + p.exitValue() + ":\n" + code + "\n--- output:\n" + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot run python: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running python", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file; the OS cleans up
                }
            }
        }
    }
}
