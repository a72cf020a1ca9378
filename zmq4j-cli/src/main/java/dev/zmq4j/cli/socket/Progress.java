package dev.zmq4j.cli.socket;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live progress line on standard error for long runs ({@code push}/{@code pub} reading standard
 * input, {@code pull}/{@code sub} with {@code --count}): messages so far, rate and elapsed time,
 * rewritten in place with {@code \r} at most every {@value #INTERVAL_MILLIS} ms, and ended with a
 * newline by {@link #finish()}. Only when standard error is a terminal ({@link #stderrIsTerminal()});
 * otherwise {@link #NONE}, which writes nothing.
 *
 * <p>Not thread-safe: the thread that sends or prints calls {@link #tick()}.
 */
class Progress {
    static final long INTERVAL_MILLIS = 250;

    /** Writes nothing. */
    static final Progress NONE = new Progress(null, 0, System::nanoTime) {
        @Override
        void tick() {
        }

        @Override
        void finish() {
        }
    };

    private final PrintWriter err;
    private final long total;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long count;
    private long lastNanos;
    private boolean shown;

    /**
     * @param total the expected count (--count), 0 if unknown
     */
    Progress(PrintWriter err, long total, LongSupplier nanoClock) {
        this.err = err;
        this.total = total;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.lastNanos = startNanos;
    }

    /** A progress line on {@code err} if standard error is a terminal, else {@link #NONE}. */
    static Progress onTerminal(PrintWriter err, long total) {
        return stderrIsTerminal() ? new Progress(err, total, System::nanoTime) : NONE;
    }

    /** One more message; rewrites the line if {@value #INTERVAL_MILLIS} ms have passed since it was last written. */
    void tick() {
        count++;
        long now = nanoClock.getAsLong();
        if (now - lastNanos >= INTERVAL_MILLIS * 1_000_000L) {
            lastNanos = now;
            show(now);
        }
    }

    /** Writes the final figures and ends the line, if a line was shown. */
    void finish() {
        if (shown) {
            show(nanoClock.getAsLong());
            err.print('\n');
            err.flush();
        }
    }

    private void show(long now) {
        err.print('\r' + line(count, total, now - startNanos));
        err.flush();
        shown = true;
    }

    /**
     * The progress line: {@code "12,345 messages  4,115 msg/s  3.0s"}, or with a known total
     * {@code "12,345/100,000 messages  4,115 msg/s  3.0s"}; padded so that it covers a longer
     * earlier line.
     */
    static String line(long count, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? count / seconds : 0;
        String counted = total > 0 ? String.format(Locale.ROOT, "%,d/%,d", count, total) : String.format(Locale.ROOT, "%,d", count);
        return String.format(Locale.ROOT, "%s messages  %,.0f msg/s  %.1fs   ", counted, rate, seconds);
    }

    /**
     * Whether standard error is a terminal: on Linux, whether file descriptor 2 is a tty device;
     * elsewhere, whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
