package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every {@code zmq4j demo NAME} end to end in this process, its output checked for the numbers it claims. */
@Timeout(60)
class DemoProgramsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).as("the demos ended").isTrue();
    }

    private Future<Integer> start(DemoRun run, String... args) {
        return executor.submit(() -> run.execute(args));
    }

    private static int exit(Future<Integer> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String endpoint(DemoRun run) throws Exception {
        return run.endpoint.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void listNamesEveryProgram() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("--list")).isZero();
        assertThat(run.lines()).extracting(l -> l.split(" ")[0]).containsExactly(
                "beacon-pub", "beacon-sub", "time-rep", "time-req", "time-rep-cluster", "work-push", "work-pull",
                "work-pull-cluster", "json", "multipart", "hwm", "poll", "linger", "naive-beacon-pub", "naive-beacon-sub",
                "lazy-pirate", "majordomo");
    }

    @Test
    void beaconSubPrintsBeaconsOfBeaconPub() throws Exception {
        DemoRun pub = new DemoRun().program("beacon-pub");
        start(pub, "beacon-pub", "--bind", "tcp://127.0.0.1:*", "--interval", "20ms");
        DemoRun sub = new DemoRun();

        assertThat(exit(start(sub, "beacon-sub", "--connect", endpoint(pub), "--count", "3"))).isZero();
        long pid = ProcessHandle.current().pid();
        assertThat(sub.lines()).filteredOn(l -> l.startsWith("beacon from")).hasSize(3).allSatisfy(l -> assertThat(l)
                .matches("beacon from pid " + pid + ", [0-9]+ ms old: \\{\"pid\": " + pid + ", \"timestamp\": [0-9]{13}\\}"));
    }

    @Test
    void beaconPubStopsAfterCount() throws Exception {
        DemoRun pub = new DemoRun();
        assertThat(exit(start(pub, "beacon-pub", "--bind", "tcp://127.0.0.1:*", "--interval", "1ms", "--count", "4"))).isZero();
        assertThat(pub.lines()).filteredOn(l -> l.startsWith("sent {")).hasSize(4);
    }

    @Test
    void timeReqPrintsTimeRepAnswers() throws Exception {
        DemoRun rep = new DemoRun().program("time-rep");
        Future<Integer> repExit = start(rep, "time-rep", "--bind", "tcp://127.0.0.1:*", "--count", "3");
        DemoRun req = new DemoRun();

        assertThat(exit(start(req, "time-req", "--connect", endpoint(rep), "--count", "3", "--interval", "0s"))).isZero();
        assertThat(exit(repExit)).isZero();
        assertThat(req.lines()).filteredOn(l -> l.startsWith("answer")).hasSize(3)
                .allSatisfy(l -> assertThat(l).matches("answer in [0-9]+ us: \\{\"pid\": [0-9]+, \"timestamp\": [0-9]{13}\\}"));
    }

    @Test
    void timeRepClusterSharesRequestsAmongItsWorkers() throws Exception {
        DemoRun cluster = new DemoRun().program("time-rep-cluster");
        start(cluster, "time-rep-cluster", "--bind", "tcp://127.0.0.1:*", "--workers", "3");
        DemoRun req = new DemoRun();

        assertThat(exit(start(req, "time-req", "--connect", endpoint(cluster), "--count", "6", "--interval", "0s"))).isZero();
        List<String> workers = req.lines().stream().filter(l -> l.startsWith("answer"))
                .map(l -> l.replaceAll(".*\"worker\": ([0-9]+)\\}$", "$1")).toList();
        // one client in lock-step: the DEALER deals its requests round-robin
        assertThat(workers).hasSize(6).containsOnly("1", "2", "3");
        assertThat(workers.subList(0, 3)).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(workers.subList(3, 6)).containsExactlyElementsOf(workers.subList(0, 3));
    }

    @Test
    void workPullCountsTheJobsOfWorkPush() throws Exception {
        DemoRun push = new DemoRun().program("work-push");
        Future<Integer> pushExit = start(push, "work-push", "--bind", "tcp://127.0.0.1:*", "--count", "7");
        DemoRun pull = new DemoRun();

        assertThat(exit(start(pull, "work-pull", "--connect", endpoint(push), "--count", "7"))).isZero();
        assertThat(exit(pushExit)).isZero();
        assertThat(push.lines()).last().isEqualTo("sent 7 jobs");
        assertThat(pull.lines()).filteredOn(l -> l.startsWith("job ")).hasSize(7).first().isEqualTo("job 1 (1 received)");
        assertThat(pull.lines()).last().isEqualTo("received 7 jobs");
    }

    @Test
    void workPullClusterShowsTheFirstJoinerThenTheFix() throws Exception {
        DemoRun run = new DemoRun();
        assertThat(exit(start(run, "work-pull-cluster", "--workers", "3", "--count", "30"))).isZero();
        int[] early = counts(run.output(), "first joiner");
        int[] fair = counts(run.output(), "fix");
        assertThat(early[0] + early[1] + early[2]).isEqualTo(30);
        assertThat(early[0]).as("the first joiner's share").isGreaterThan(10);
        assertThat(fair).containsExactly(10, 10, 10);
    }

    @Test
    void workPullClusterTakesJobsFromAnOutsidePusher() throws Exception {
        DemoRun push = new DemoRun().program("work-push");
        Future<Integer> pushExit = start(push, "work-push", "--bind", "tcp://127.0.0.1:*", "--count", "12");
        DemoRun cluster = new DemoRun();

        assertThat(exit(start(cluster, "work-pull-cluster", "--connect", endpoint(push), "--workers", "3", "--count", "12"))).isZero();
        assertThat(exit(pushExit)).isZero();
        int[] counts = counts(cluster.output(), "jobs per worker");
        assertThat(counts[0] + counts[1] + counts[2]).isEqualTo(12);
        assertThat(counts[0]).isPositive();
        assertThat(cluster.lines()).last().isEqualTo("one round: for the fix, run again with --fix, and work-push with --wait-for 3");
    }

    @Test
    void workPushWaitingForEveryWorkerSharesTheJobsEvenly() throws Exception {
        DemoRun push = new DemoRun().program("work-push");
        Future<Integer> pushExit = start(push, "work-push", "--bind", "tcp://127.0.0.1:*", "--count", "12", "--wait-for", "3");
        DemoRun cluster = new DemoRun();

        assertThat(exit(start(cluster, "work-pull-cluster", "--connect", endpoint(push), "--workers", "3", "--count", "12", "--fix"))).isZero();
        assertThat(exit(pushExit)).isZero();
        assertThat(counts(cluster.output(), "jobs per worker")).containsExactly(4, 4, 4);
        assertThat(cluster.lines()).last().isEqualTo("an even share only if the pusher waited for all 3 workers (work-push --wait-for 3)");
        assertThat(push.lines()).filteredOn(l -> l.startsWith("worker ")).hasSize(3);
    }

    /** The {@code [a, b, c]} after {@code label} in the output. */
    static int[] counts(String output, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + ".*?\\[([0-9, ]+)\\]").matcher(output);
        assertThat(m.find()).as("'%s [...]' in %s", label, output).isTrue();
        return java.util.Arrays.stream(m.group(1).split(", ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void jsonPricesEveryRecord() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("json")).isZero();
        assertThat(run.lines()).containsExactly(
                "sent {\"item\": \"widget\", \"qty\": 2}, got {\"item\": \"widget\", \"qty\": 2, \"total_cents\": 500, \"ok\": true}",
                "sent {\"item\": \"gadget\", \"qty\": 3}, got {\"item\": \"gadget\", \"qty\": 3, \"total_cents\": 3600, \"ok\": true}",
                "sent {\"item\": \"gizmo\", \"qty\": 4}, got {\"item\": \"gizmo\", \"qty\": 4, \"total_cents\": 300, \"ok\": true}");
    }

    @Test
    void multipartArrivesWholeOnlyAfterTheLastFrame() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("multipart")).isZero();
        assertThat(run.lines()).containsExactly(
                "a sender closed after 2 of 3 frames: nothing received in 200 ms",
                "after 2 of 3 frames: nothing received in 200 ms",
                "after the last frame: one message of 3 frames [header, body, end]");
    }

    @Test
    void hwmBlocksThePusherAndDropsForTheSubscriber() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("hwm")).isZero();
        String out = run.output();
        Matcher push = Pattern.compile("PUSH, .*: ([0-9]+) sends accepted, then send waited 200 ms and gave up").matcher(out);
        Matcher pub = Pattern.compile("PUB, .*: 1000 published, ([0-9]+) dropped by PUB; the subscriber then read ([0-9]+)").matcher(out);
        assertThat(push.find()).as(out).isTrue();
        assertThat(pub.find()).as(out).isTrue();
        int accepted = Integer.parseInt(push.group(1));
        // a queue per side, each bounded by its HWM (10) over inproc
        assertThat(accepted).isBetween(HwmDemo.HWM, 2 * HwmDemo.HWM);
        long dropped = Long.parseLong(pub.group(1));
        long read = Long.parseLong(pub.group(2));
        assertThat(read).isBetween((long) HwmDemo.HWM, 2L * HwmDemo.HWM);
        assertThat(dropped + read).isEqualTo(1000);
    }

    @Test
    void pollServesEverySocketFromOneThread() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("poll")).isZero();
        assertThat(run.lines()).singleElement().asString()
                .matches("one thread, [1-9][0-9]* polls: handled \\{PULL jobs=5, ROUTER requests=5, PAIR control=5\\}");
    }

    @Test
    void lingerDecidesWhatCloseDelivers() {
        DemoRun run = new DemoRun();
        assertThat(run.execute("linger")).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("LINGER=0 +close took +[0-9]+ ms, 0 of 5 queued messages delivered");
        assertThat(lines.get(1)).matches("LINGER=300 ms +close took +[0-9]+ ms, 0 of 5 queued messages delivered");
        assertThat(lines.get(2)).matches("LINGER=default +close took +[0-9]+ ms, 5 of 5 queued messages delivered");
        long bounded = Long.parseLong(lines.get(1).replaceAll(".*took +([0-9]+) ms.*", "$1"));
        assertThat(bounded).isGreaterThanOrEqualTo(LingerDemo.BOUNDED.toMillis());
    }

    @Test
    void naiveBeaconSubReadsPlainTcpBeaconsThenEndsWhenThePublisherGoes() throws Exception {
        DemoRun pub = new DemoRun().program("naive-beacon-pub");
        Future<Integer> pubExit = start(pub, "naive-beacon-pub", "--wait-subscribers", "1", "--interval", "20ms", "--count", "50");
        DemoRun sub = new DemoRun();

        assertThat(exit(start(sub, "naive-beacon-sub", "--connect", endpoint(pub)))).isEqualTo(1);
        assertThat(exit(pubExit)).isZero();
        List<String> beacons = sub.lines().stream().filter(l -> l.startsWith("beacon from")).toList();
        assertThat(beacons).hasSize(50).allSatisfy(l -> assertThat(l).matches("beacon from pid [0-9]+: \\{\"pid\": [0-9]+, \"timestamp\": [0-9]{13}\\}"));
        assertThat(sub.lines()).last().isEqualTo("the publisher went away after " + beacons.size()
                + " beacons; a plain socket does not reconnect (fault intolerance)");
    }

    @Test
    void naiveBeaconSubShowsReadsThatAreNotOneBeaconWhenThePublisherBursts() throws Exception {
        DemoRun pub = new DemoRun().program("naive-beacon-pub");
        Future<Integer> pubExit = start(pub, "naive-beacon-pub", "--wait-subscribers", "1", "--burst", "--interval", "20ms", "--count", "10");
        DemoRun sub = new DemoRun();

        assertThat(exit(start(sub, "naive-beacon-sub", "--connect", endpoint(pub)))).isEqualTo(1);
        assertThat(exit(pubExit)).isZero();
        List<String> reads = sub.lines().stream().filter(l -> l.startsWith("read ")).toList();
        List<String> beacons = sub.lines().stream().filter(l -> l.startsWith("beacon from")).toList();
        // the publisher writes two beacons in one write(): no read can return exactly one of them
        assertThat(reads).as(sub.output()).anySatisfy(l -> assertThat(l).matches("read [0-9]+ bytes: .*")
                .doesNotEndWith("bytes: 1 beacon"));
        assertThat(sub.lines()).contains("a read returns the bytes that have arrived, not one beacon: the reader must find "
                + "where each ends (leaky buffers); ØMQ delivers each message whole");
        // whole rounds only, every byte read accounted for by a beacon and its newline
        assertThat(beacons).isNotEmpty().allSatisfy(l -> assertThat(l)
                .matches("beacon from pid [0-9]+: \\{\"pid\": [0-9]+, \"timestamp\": [0-9]{13}\\}"));
        assertThat(beacons).as("10 rounds of 3, the subscriber there from the first").hasSize(30);
        int bytesRead = reads.stream().mapToInt(l -> Integer.parseInt(l.split(" ")[1])).sum();
        int beaconBytes = beacons.stream().mapToInt(l -> l.substring(l.indexOf(": ") + 2).length() + 1).sum();
        assertThat(bytesRead).isEqualTo(beaconBytes);
    }

    @Test
    void naiveBeaconSubDescribesWhatEachReadHeld() {
        assertThat(NaiveBeaconSub.describe(false, 1, false)).isEqualTo("1 beacon");
        assertThat(NaiveBeaconSub.describe(false, 2, false)).isEqualTo("2 beacons");
        assertThat(NaiveBeaconSub.describe(false, 0, true)).isEqualTo("the start of a beacon");
        assertThat(NaiveBeaconSub.describe(true, 1, false)).isEqualTo("the rest of a beacon");
        assertThat(NaiveBeaconSub.describe(true, 0, true)).isEqualTo("the middle of a beacon");
        assertThat(NaiveBeaconSub.describe(true, 3, true)).isEqualTo("the rest of a beacon, 2 beacons, the start of a beacon");
    }

    @Test
    void naiveBeaconSubGivesUpWithoutAListener() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        DemoRun sub = new DemoRun();
        assertThat(sub.execute("naive-beacon-sub", "--connect", "127.0.0.1:" + port)).isEqualTo(1);
        assertThat(sub.lines()).containsExactly("refused by 127.0.0.1:" + port
                + ": with plain sockets the publisher must be listening first (listener bias)");
    }
}
