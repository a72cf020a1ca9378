package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code zmq4j demo majordomo} end to end: a worker crashes holding a request, and the accounting still balances. */
@Timeout(90)
class DemoMajordomoTest {
    @Test
    void everyRequestIsAnsweredOnceThoughAWorkerCrashesHoldingOne() {
        DemoRun run = new DemoRun();

        int exit = run.execute("majordomo", "--requests", "24", "--heartbeat", "100ms", "--crash-at", "2");

        List<String> lines = run.lines();
        assertThat(exit).as("exit status; output %s; errors %s", lines, run.errors()).isZero();
        assertThat(lines).anyMatch(l -> l.matches("worker 2 crashes holding request-[0-9]+"));
        String held = lines.stream().filter(l -> l.startsWith("worker 2 crashes holding ")).findFirst().orElseThrow()
                .substring("worker 2 crashes holding ".length());
        assertThat(lines).as("the held request was answered by another worker")
                .anyMatch(l -> l.matches(held + " answered by worker [13] in [0-9]+ ms"));
        assertThat(lines).filteredOn(l -> l.matches("request-[0-9]+ answered by worker [123] in [0-9]+ ms")).hasSize(24);
        assertThat(lines).anyMatch(l -> l.matches("broker: [0-9]+ requests, [0-9]+ replies, [1-9][0-9]* re-queued, [1-9][0-9]* workers expired"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("sent 24 / answered 24 / failed 0 / duplicates 0");
    }
}
