package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code zmq4j demo} alone: every step's heading, in order, each followed by numbers from the run. */
class DemoTourTest {
    @Test
    @Timeout(60)
    void tourRunsEveryStepAndShowsItsNumbers() {
        DemoRun run = new DemoRun();
        assertThat(run.execute()).as(run.output()).isZero();
        String out = run.output();

        List<String> headings = run.lines().stream().filter(l -> l.startsWith("== ")).toList();
        assertThat(headings).containsExactly(
                "== 1. PUB/SUB: a beacon",
                "== 2. REQ/REP: the time service",
                "== 3. ROUTER/DEALER: a REP cluster",
                "== 4. PUSH/PULL: a work queue and the first joiner",
                "== 5. JSON: records as strings",
                "== 6. multipart: all or nothing",
                "== 7. high-water marks: block or drop",
                "== 8. polling: one thread, many sockets",
                "== 9. LINGER: what close does to unsent messages");
        assertThat(out).containsPattern("[0-9]+ beacons published on tcp://127\\.0\\.0\\.1:[0-9]+, 3 received");
        assertThat(out).containsPattern("(?m)^  answer 3 in [0-9]+ us: \\{\"pid\": [0-9]+, \"timestamp\": [0-9]{13}\\}$");
        assertThat(out).contains("9 requests, answers per worker (from the answers' \"worker\"): [3, 3, 3]");
        assertThat(out).containsPattern("first joiner: .*jobs per worker \\[[0-9]+, [0-9]+, [0-9]+\\]");
        assertThat(out).contains("fix: all 3 workers connected before the first job: jobs per worker [10, 10, 10]");
        assertThat(out).contains("sum of the totals the server computed: 4400 cents");
        assertThat(out).contains("after the last frame: one message of 3 frames [header, body, end]");
        assertThat(out).containsPattern("PUSH, SNDHWM=RCVHWM=10, reader asleep: [0-9]+ sends accepted");
        assertThat(out).containsPattern("1000 published, [0-9]+ dropped by PUB");
        assertThat(out).containsPattern("one thread, [0-9]+ polls: handled \\{PULL jobs=5, ROUTER requests=5, PAIR control=5\\}");
        assertThat(out).containsPattern("LINGER=default +close took +[0-9]+ ms, 5 of 5 queued messages delivered");
        assertThat(out).containsPattern("(?m)^done: 9 steps in [0-9]+ ms$");
    }
}
