package dev.zmq4j.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Copies everything written to {@link System#err} while installed, still passing it through.
 * slf4j-simple (the test binding) looks up {@code System.err} at each log call, so zmq4j's log
 * lines and Netty's {@code LEAK:} reports land here. Thread-safe.
 */
final class StderrCapture implements AutoCloseable {
    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StderrCapture() {
        this.original = System.err;
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                original.flush();
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    static StderrCapture start() {
        return new StderrCapture();
    }

    /** The lines captured so far. */
    List<String> lines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        return Arrays.asList(text.split("\\R"));
    }

    /**
     * Waits for a captured line that matches.
     *
     * @return the line
     * @throws AssertionError if none appears within {@code timeout}
     */
    String awaitLine(Predicate<String> matches, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            for (String line : lines()) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no stderr line " + description + " within " + timeout + "; lines:\n"
                        + lines().stream().filter(l -> l.contains("dev.zmq4j")).collect(Collectors.joining("\n")));
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /** Stops capturing and restores the original stream. */
    @Override
    public void close() {
        System.err.flush();
        System.setErr(original);
    }
}
