package dev.zmq4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A peer failing again and again for the same reason is told at WARN once, then at DEBUG; a burst
 * of failures is a few lines and a count.
 */
@Timeout(30)
class FailureLogTest {
    private static final String EP = "tcp://127.0.0.1:5555";
    /** Each call: its level and its last argument (the reason). */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** Each call: its level and its whole text. */
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getName().equals("warn") || method.getName().equals("debug") || method.getName().equals("info")) {
                    Object last = args[args.length - 1];
                    // warn(format, Object...): the reason is the last argument
                    calls.add(method.getName() + " " + (last instanceof Object[] a ? a[a.length - 1] : last));
                    Object[] params = args.length == 2 && last instanceof Object[] a ? a
                            : java.util.Arrays.copyOfRange(args, 1, args.length);
                    lines.add(method.getName() + " " + MessageFormatter.arrayFormat((String) args[0], params).getMessage());
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void repeatsOfOnePeersFailureGoToDebug() {
        FailureLog failures = new FailureLog(timer);
        for (int port = 40000; port < 40005; port++) {
            failures.closing(log, EP, "/10.0.0.1:" + port, "10.0.0.1", "peer refused: ZAP 400");
        }
        failures.closing(log, EP, "/10.0.0.2:40000", "10.0.0.2", "peer refused: ZAP 400");
        failures.closing(log, EP, "/10.0.0.1:40009", "10.0.0.1", "another reason");
        assertThat(calls).filteredOn(c -> c.startsWith("warn")).containsExactly(
                "warn peer refused: ZAP 400", "warn peer refused: ZAP 400", "warn another reason");
        assertThat(calls).filteredOn(c -> c.startsWith("debug")).hasSize(4);
    }

    @Test
    void itForgetsRatherThanGrowWithoutBound() {
        FailureLog failures = new FailureLog(timer, Integer.MAX_VALUE, TimeUnit.SECONDS.toNanos(10));
        for (int i = 0; i <= FailureLog.MAX; i++) {
            failures.closing(log, "e", "p", "10.0.0." + i, "r");
        }
        failures.closing(log, "e", "p", "10.0.0.0", "r");
        assertThat(calls).filteredOn(c -> c.startsWith("warn")).hasSize(FailureLog.MAX + 2);
    }

    @Test
    void aFloodOfResetsFromOneHostIsOneInfoLine() {
        FailureLog failures = new FailureLog(timer);
        for (int port = 40000; port < 41000; port++) {
            failures.connectionError(log, EP, "/10.0.0.1:" + port, "10.0.0.1", "Connection reset by peer");
        }
        failures.connectionError(log, EP, "/10.0.0.2:40000", "10.0.0.2", "Connection reset by peer");
        assertThat(calls).filteredOn(c -> c.startsWith("info")).containsExactly(
                "info Connection reset by peer", "info Connection reset by peer");
        assertThat(calls).filteredOn(c -> c.startsWith("debug")).hasSize(999);
    }

    @Test
    void aBurstOfDistinctFailuresIsTheFirstLinesThenOneCount() {
        FailureLog failures = new FailureLog(timer);
        for (int i = 0; i < 5000; i++) {
            // Each peer fails for a reason of its own, as with random bytes after a greeting.
            failures.closing(log, EP, "/127.0.0.1:" + (20000 + i), "127.0.0.1", "frame size: " + i + " (expected: <= 10)");
        }
        assertThat(calls).filteredOn(c -> c.startsWith("warn")).containsExactly(
                java.util.stream.IntStream.range(0, FailureLog.BURST_LINES)
                        .mapToObj(i -> "warn frame size: " + i + " (expected: <= 10)").toArray(String[]::new));
        assertThat(calls).filteredOn(c -> c.startsWith("debug")).hasSize(5000 - FailureLog.BURST_LINES);
        assertThat(lines).noneMatch(l -> l.contains("more connections closed"));
    }

    @Test
    void theCountOfAnIntervalsUnshownFailuresIsWrittenWhenItEnds() {
        FailureLog failures = new FailureLog(timer, 5, TimeUnit.MILLISECONDS.toNanos(300));
        for (int i = 0; i < 1000; i++) {
            failures.closing(log, EP, "/127.0.0.1:" + (20000 + i), "127.0.0.1", "reason " + i);
        }
        failures.connectionError(log, EP, "/10.0.0.9:1", "10.0.0.9", "Connection reset by peer");
        assertThat(lines).filteredOn(l -> l.startsWith("warn") || l.startsWith("info")).hasSize(5);

        Await.until(() -> lines.stream().anyMatch(l -> l.contains("more connections closed")), Duration.ofSeconds(10),
                () -> "the count line; saw " + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        assertThat(lines).filteredOn(l -> l.contains("more connections closed")).containsExactly(
                "warn " + EP + ": 995 more connections closed on failure and 1 more connection errors within 300 ms,"
                        + " logged at DEBUG only (at most 5 lines per 300 ms)");

        // A new interval has its lines again, and a failure that was only counted is not a repeat.
        failures.closing(log, EP, "/127.0.0.1:30000", "127.0.0.1", "reason 999");
        failures.closing(log, EP, "/127.0.0.1:30001", "127.0.0.1", "reason 0");
        assertThat(calls.subList(calls.size() - 2, calls.size())).containsExactly("warn reason 999", "debug reason 0");
    }

    @Test
    void anEndpointClosingBeforeTheIntervalEndsWritesTheCountAtOnce() {
        FailureLog failures = new FailureLog(timer, 2, TimeUnit.SECONDS.toNanos(60));
        for (int i = 0; i < 7; i++) {
            failures.closing(log, EP, "/127.0.0.1:" + (20000 + i), "127.0.0.1", "reason " + i);
        }
        assertThat(lines).noneMatch(l -> l.contains("more connections closed"));
        failures.flush();
        failures.flush();
        assertThat(lines).filteredOn(l -> l.contains("more connections closed")).singleElement().asString()
                .startsWith("warn " + EP + ": 5 more connections closed on failure and 0 more connection errors within 60 s");
    }

    @Test
    void aBurstOfConnectionErrorsOnlyIsCountedAtInfo() {
        FailureLog failures = new FailureLog(timer, 2, TimeUnit.MILLISECONDS.toNanos(200));
        for (int i = 0; i < 10; i++) {
            failures.connectionError(log, EP, "/10.0.1." + i + ":1", "10.0.1." + i, "Connection reset by peer");
        }
        Await.until(() -> lines.stream().anyMatch(l -> l.contains("more connection errors")), Duration.ofSeconds(10),
                "the count line");
        assertThat(lines).filteredOn(l -> l.contains("more connection errors"))
                .singleElement().asString().startsWith("info " + EP + ": 0 more connections closed on failure and 8 more");
    }
}
