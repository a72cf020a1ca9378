package dev.zmq4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live progress line on standard error for long runs (the socket commands {@code push}/{@code pub}
 * reading standard input and {@code pull}/{@code sub} with {@code --count}; the perf tools;
 * {@code demo work-push}): messages so far, rate and elapsed time, rewritten in place with
 * {@code \r} at most every {@value #INTERVAL_MILLIS} ms, and ended with a newline by
 * {@link #finish()}. Only on a terminal: when standard output and standard error both are one
 * ({@link #onTerminal()}); otherwise {@link #NONE}, which writes nothing, so a pipe or a file gets
 * nothing extra.
 *
 * <p>Counted two ways: {@link #tick()} by the thread that sends or prints, or, for loops that must
 * not pay for it (the perf tools), {@link #watch} from a counter the socket keeps anyway (its
 * statistics), read by a daemon thread. Not thread-safe otherwise.
 */
public class Progress {
    static final long INTERVAL_MILLIS = 250;

    /** Writes nothing. */
    public static final Progress NONE = new Progress(null, 0, System::nanoTime) {
        @Override
        public void tick() {
        }

        @Override
        public void finish() {
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

    /** A progress line on {@code err} if standard output and error are terminals, else {@link #NONE}. */
    public static Progress onTerminal(PrintWriter err, long total) {
        return onTerminal() ? new Progress(err, total, System::nanoTime) : NONE;
    }

    /** Whether standard output and standard error are both a terminal. */
    public static boolean onTerminal() {
        return isTerminal(1) && stderrIsTerminal();
    }

    /**
     * On a terminal, a daemon thread that shows {@code count} (read every {@value #INTERVAL_MILLIS}
     * ms, e.g. from a socket's statistics) until closed; elsewhere nothing. The loop being
     * measured pays nothing.
     */
    public static Watch watch(PrintWriter err, long total, LongSupplier count) {
        return watch(err, total, count, onTerminal());
    }

    static Watch watch(PrintWriter err, long total, LongSupplier count, boolean terminal) {
        if (!terminal) {
            return () -> { };
        }
        Progress p = new Progress(err, total, System::nanoTime);
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(INTERVAL_MILLIS);
                    p.count = count.getAsLong();
                    p.show(p.nanoClock.getAsLong());
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "zmq4j-progress");
        t.setDaemon(true);
        t.start();
        return () -> {
            t.interrupt();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.count = count.getAsLong();
            p.shown = true;
            p.finish();
        };
    }

    /** A {@link #watch}: closing it shows the last figures and ends the line. */
    @FunctionalInterface
    public interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** One more message; rewrites the line if {@value #INTERVAL_MILLIS} ms have passed since it was last written. */
    public void tick() {
        count++;
        long now = nanoClock.getAsLong();
        if (now - lastNanos >= INTERVAL_MILLIS * 1_000_000L) {
            lastNanos = now;
            show(now);
        }
    }

    /** Writes the final figures and ends the line, if a line was shown. */
    public void finish() {
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
        return isTerminal(2);
    }

    /** Whether file descriptor {@code n} (1 or 2) is a terminal; see {@link #stderrIsTerminal()}. */
    static boolean isTerminal(int n) {
        Path fd = Path.of("/proc/self/fd/" + n);
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
