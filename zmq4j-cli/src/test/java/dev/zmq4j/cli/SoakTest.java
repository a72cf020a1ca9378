package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf soak} for a few seconds: a CSV line a second, every pattern moving (the chaos link's
 * too, through its cuts), peers churned, a summary.
 */
@Timeout(60)
class SoakTest {
    @Test
    void aShortSoakWritesASampleEachSecondAndASummary(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("soak.csv");
        CapturedRun run = new CapturedRun();

        int exit = run.commandLine.execute("perf", "soak", "--duration", "4s", "--rate", "200", "--churn", "500ms",
                "--chaos-cut", "1s", "--csv", csv.toString());

        assertThat(exit).as("exit status; stderr: %s", run.err).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(
                "second,heap_used,heap_after_gc,rss_kib,threads,fds,direct,pubsub,pushpull,routerdealer,curve,chaos,churned,errors");
        assertThat(lines).hasSize(5);
        String[] last = lines.get(4).split(",", -1);
        assertThat(last[0]).isEqualTo("4");
        assertThat(Long.parseLong(last[12])).as("peers churned").isGreaterThanOrEqualTo(4 * 5);
        assertThat(last[13]).isEqualTo("0");
        for (int column = 7; column <= 11; column++) {
            int c = column;
            assertThat(lines.subList(1, 5).stream().mapToLong(l -> Long.parseLong(l.split(",", -1)[c])).sum())
                    .as("messages of %s", lines.get(0).split(",")[c]).isPositive();
        }
        assertThat(Arrays.stream(last).limit(7).skip(1).filter(v -> !v.isEmpty())).allMatch(v -> Long.parseLong(v) >= 0);
        assertThat(run.lines()).singleElement().asString().startsWith("soak: 4 s, pubsub ").contains("errors 0")
                .containsPattern("chaos link: [3-4] cuts, \\d+ connections relayed");
        // Messages arrived after the last cut: the clients reconnected through the relay.
        assertThat(Long.parseLong(last[11])).as("chaos messages in the last second").isPositive();
    }
}
