package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code zmq4j demo lazy-pirate} with a fixed seed and a bounded number of requests. */
@Timeout(120)
class DemoLazyPirateTest {
    private static final Pattern ACCOUNTING = Pattern.compile(
            "accounting: sent (\\d+), answered (\\d+), failed (\\d+), answered twice (\\d+), wrong replies (\\d+)");
    private static final int REQUESTS = 10;

    @Test
    void everyRequestIsAnsweredOnceOrReportedFailed() {
        DemoRun run = new DemoRun();
        // Seed 3 draws an answer, then two crashes: the second request is retried and, with the
        // server down longer than three tries, fails.
        int exit = run.execute("lazy-pirate", "--requests", String.valueOf(REQUESTS), "--seed", "3",
                "--timeout", "250ms", "--retries", "2", "--crash", "0.15", "--hang", "0.15",
                "--hang-time", "600ms", "--down-time", "1200ms");
        assertThat(exit).as(run.output() + run.errors()).isZero();
        List<String> lines = run.lines();

        Matcher m = ACCOUNTING.matcher(lines.get(lines.size() - 1));
        assertThat(m.matches()).as(lines.get(lines.size() - 1)).isTrue();
        int answered = Integer.parseInt(m.group(2));
        int failed = Integer.parseInt(m.group(3));
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(REQUESTS);
        assertThat(answered + failed).isEqualTo(REQUESTS);
        assertThat(m.group(4)).isEqualTo("0");
        assertThat(m.group(5)).isEqualTo("0");
        assertThat(answered).isPositive();
        assertThat(failed).isPositive();

        // One outcome per request, in order, matching the accounting.
        for (int n = 1; n <= REQUESTS; n++) {
            String prefix = "request " + n + ": ";
            assertThat(lines).filteredOn(l -> l.startsWith(prefix + "answered") || l.startsWith(prefix + "failed"))
                    .as("outcome of request " + n).hasSize(1);
        }
        assertThat(lines).filteredOn(l -> l.contains(": answered in ")).hasSize(answered);
        assertThat(lines).filteredOn(l -> l.contains(": failed, no reply after 3 tries")).hasSize(failed);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("retrying on a new socket"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  server: crashes on \"request 2\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("server: [1-9][0-9]* crashes, [0-9]+ hangs"));
    }
}
