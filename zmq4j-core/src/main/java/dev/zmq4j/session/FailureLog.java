package dev.zmq4j.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The log of connections closed on failure for one endpoint: the first failure of a peer for a
 * reason at WARN, its repeats (a client retrying after a refused handshake) at DEBUG, so a peer
 * that keeps failing the same way is told once, not once per retry. Connection errors (a reset)
 * go the same way at INFO, so that a flood of connects and resets from one host is one line, not
 * one per connection.
 *
 * <p>Bursts are summarised: at most {@value #BURST_LINES} such lines are written per endpoint in
 * {@value #INTERVAL_SECONDS} s. Past that, a failure that would have had its line is logged at
 * DEBUG and counted, and when the interval ends one line (WARN if a closing was counted, else
 * INFO) tells how many were not shown. Thousands of peers failing at once, each for a reason of
 * its own (random bytes after a greeting), cost the log, and the I/O thread that writes it,
 * {@value #BURST_LINES} lines and a count every {@value #INTERVAL_SECONDS} s rather than a line
 * each. The first failures of a burst keep their lines; a failure counted
 * but not shown is not remembered, so the next time that peer fails for that reason it has its
 * line. Monitor events are not affected: every failure is reported there.
 *
 * <p>Thread-safe; bounded (it forgets everything after {@value #MAX} distinct failures and starts
 * again). The count line is written by a task on the timer given at construction, or by
 * {@link #flush} when the endpoint closes first.
 */
public final class FailureLog {
    static final int MAX = 1024;
    /** Lines written per endpoint and interval before failures are only counted. */
    static final int BURST_LINES = 20;
    static final int INTERVAL_SECONDS = 10;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final int burstLines;
    private final long intervalNanos;

    // The current interval, guarded by this.
    private long intervalStartNanos;
    private int lines;
    private long hiddenClosings;
    private long hiddenErrors;
    private boolean countDue;
    /** Where the count goes, and the task that writes it, while {@link #countDue}. */
    private Logger countLog;
    private String countEndpoint;
    private ScheduledFuture<?> countTask;

    /**
     * A log for one endpoint.
     *
     * @param timer where the line counting a burst's unshown failures is written from (the
     *              endpoint's I/O threads)
     */
    public FailureLog(ScheduledExecutorService timer) {
        this(timer, BURST_LINES, TimeUnit.SECONDS.toNanos(INTERVAL_SECONDS));
    }

    FailureLog(ScheduledExecutorService timer, int burstLines, long intervalNanos) {
        this.timer = timer;
        this.burstLines = burstLines;
        this.intervalNanos = intervalNanos;
        this.intervalStartNanos = System.nanoTime() - intervalNanos;
    }

    /**
     * Logs that the connection to {@code peerName} closes for {@code reason}.
     *
     * @param peer the peer as it stays across retries (its IP, without the port)
     */
    void closing(Logger log, String endpoint, String peerName, String peer, String reason) {
        record(log, endpoint, peerName, peer + '\n' + reason, "closing connection: ", reason, true);
    }

    /**
     * Logs that the connection to {@code peerName} failed with an I/O error ({@code message}, e.g. a
     * reset): at INFO the first time for that peer and message, then at DEBUG.
     *
     * @param peer the peer as it stays across connections (its IP, without the port)
     */
    void connectionError(Logger log, String endpoint, String peerName, String peer, String message) {
        record(log, endpoint, peerName, "error\n" + peer + '\n' + message, "connection error: ", message, false);
    }

    /**
     * One failure: its line at WARN (a closing) or INFO (an error) the first time for its key while
     * the interval has lines left; at DEBUG when repeated or past the burst's lines.
     */
    private void record(Logger log, String endpoint, String peerName, String key, String what, String detail,
                        boolean closing) {
        if (isRepeat(key)) {
            log.debug("{} peer {}: {}{} (again)", endpoint, peerName, what, detail);
        } else if (takeLine(log, endpoint, closing)) {
            seen.add(key);
            if (closing) {
                log.warn("{} peer {}: {}{}", endpoint, peerName, what, detail);
            } else {
                log.info("{} peer {}: {}{}", endpoint, peerName, what, detail);
            }
        } else {
            log.debug("{} peer {}: {}{}", endpoint, peerName, what, detail);
        }
    }

    private boolean isRepeat(String key) {
        if (seen.size() >= MAX) {
            seen.clear();
        }
        return seen.contains(key);
    }

    /**
     * Whether this interval has a line left; if not, counts the failure and makes sure the count
     * is written when the interval ends.
     */
    private synchronized boolean takeLine(Logger log, String endpoint, boolean closing) {
        long now = System.nanoTime();
        if (!countDue && now - intervalStartNanos >= intervalNanos) {
            intervalStartNanos = now;
            lines = 0;
        }
        if (lines < burstLines) {
            lines++;
            return true;
        }
        if (closing) {
            hiddenClosings++;
        } else {
            hiddenErrors++;
        }
        if (!countDue) {
            countDue = true;
            countLog = log;
            countEndpoint = endpoint;
            long delay = intervalStartNanos + intervalNanos - now;
            try {
                countTask = timer.schedule(this::flush, delay, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                // The I/O threads are stopping: the endpoint's close writes the count.
                countTask = null;
            }
        }
        return false;
    }

    /**
     * Ends the interval: writes the line counting the failures it did not show, if any; the next
     * failure starts a new interval. The endpoint calls it when it closes, so that a count is not
     * lost with the timer. Any thread.
     */
    public void flush() {
        long closings;
        long errors;
        Logger log;
        String endpoint;
        synchronized (this) {
            if (!countDue) {
                return;
            }
            closings = hiddenClosings;
            errors = hiddenErrors;
            log = countLog;
            endpoint = countEndpoint;
            hiddenClosings = 0;
            hiddenErrors = 0;
            countDue = false;
            countLog = null;
            countEndpoint = null;
            if (countTask != null) {
                countTask.cancel(false);
                countTask = null;
            }
            intervalStartNanos = System.nanoTime() - intervalNanos;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(intervalNanos);
        String interval = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        String text = "{}: {} more connections closed on failure and {} more connection errors within {}, logged at"
                + " DEBUG only (at most {} lines per {})";
        Object[] args = {endpoint, closings, errors, interval, burstLines, interval};
        if (closings > 0) {
            log.warn(text, args);
        } else {
            log.info(text, args);
        }
    }
}
