package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Node.js talk's programs against libzmq (pyzmq) peers speaking the talk's JSON. */
@Timeout(60)
class DemoInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PID = ProcessHandle.current().pid();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).as("the demo ended").isTrue();
    }

    private static final String BEACON_SUB = """
            import json, sys, zmq
            ctx = zmq.Context()
            sub = ctx.socket(zmq.SUB)
            sub.setsockopt(zmq.SUBSCRIBE, b"")
            sub.RCVTIMEO = 15000
            sub.connect(sys.argv[1])
            for _ in range(3):
                beacon = json.loads(sub.recv())
                assert sorted(beacon) == ["pid", "timestamp"], beacon
                assert all(type(v) is int for v in beacon.values()), beacon
                print("BEACON", beacon["pid"], beacon["timestamp"])
            sub.close(0)
            ctx.term()
            """;

    @Test
    void pythonSubscriberReadsBeaconPubJson() throws Exception {
        DemoRun pub = new DemoRun().program("beacon-pub");
        long start = System.currentTimeMillis();
        executor.submit(() -> pub.execute("beacon-pub", "--bind", "tcp://127.0.0.1:*", "--interval", "50ms"));
        String endpoint = pub.endpoint.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        try (PythonProgram python = PythonProgram.start(BEACON_SUB, endpoint)) {
            for (int i = 0; i < 3; i++) {
                String[] beacon = python.line("BEACON ", WAIT).split(" ");
                assertThat(Long.parseLong(beacon[1])).isEqualTo(PID);
                assertThat(Long.parseLong(beacon[2])).isBetween(start, System.currentTimeMillis());
            }
            assertThat(python.exitStatus(WAIT)).as(python.stderr()).isZero();
        }
    }

    private static final String TIME_REQ = """
            import json, os, sys, zmq
            ctx = zmq.Context()
            req = ctx.socket(zmq.REQ)
            req.RCVTIMEO = 15000
            req.connect(sys.argv[1])
            for _ in range(3):
                req.send_string(json.dumps({"pid": os.getpid()}))
                answer = json.loads(req.recv())
                print("ANSWER", answer["pid"], answer["timestamp"])
            req.close(0)
            ctx.term()
            """;

    @Test
    void pythonRequesterGetsTimeRepAnswers() throws Exception {
        DemoRun rep = new DemoRun().program("time-rep");
        long start = System.currentTimeMillis();
        Future<Integer> exit = executor.submit(() -> rep.execute("time-rep", "--bind", "tcp://127.0.0.1:*", "--count", "3"));
        String endpoint = rep.endpoint.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        try (PythonProgram python = PythonProgram.start(TIME_REQ, endpoint)) {
            for (int i = 0; i < 3; i++) {
                String[] answer = python.line("ANSWER ", WAIT).split(" ");
                assertThat(Long.parseLong(answer[1])).isEqualTo(PID);
                assertThat(Long.parseLong(answer[2])).isBetween(start, System.currentTimeMillis());
            }
            assertThat(python.exitStatus(WAIT)).as(python.stderr()).isZero();
        }
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
        assertThat(rep.lines()).filteredOn(l -> l.startsWith("request ")).hasSize(3)
                .allSatisfy(l -> assertThat(l).matches("request \\{\"pid\": ?[0-9]+\\} answered .*"));
    }

    private static final String WORK_PUSH = """
            import json, sys, zmq
            ctx = zmq.Context()
            push = ctx.socket(zmq.PUSH)
            port = push.bind_to_random_port("tcp://127.0.0.1")
            print("ENDPOINT tcp://127.0.0.1:%d" % port)
            for i in range(1, int(sys.argv[1]) + 1):
                push.send_string(json.dumps({"job": i}))
            push.close(linger=15000)
            ctx.term()
            print("SENT")
            """;

    @Test
    void workPullTakesEveryJobOfAPythonPusher() throws Exception {
        try (PythonProgram python = PythonProgram.start(WORK_PUSH, "5")) {
            String endpoint = python.line("ENDPOINT ", WAIT).substring("ENDPOINT ".length());
            DemoRun pull = new DemoRun();
            Future<Integer> exit = executor.submit(() -> pull.execute("work-pull", "--connect", endpoint, "--count", "5"));

            assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isZero();
            python.line("SENT", WAIT);
            assertThat(python.exitStatus(WAIT)).isZero();
            assertThat(pull.lines()).filteredOn(l -> l.startsWith("job "))
                    .containsExactly("job 1 (1 received)", "job 2 (2 received)", "job 3 (3 received)",
                            "job 4 (4 received)", "job 5 (5 received)");
            assertThat(pull.lines()).last().isEqualTo("received 5 jobs");
        }
    }
}
