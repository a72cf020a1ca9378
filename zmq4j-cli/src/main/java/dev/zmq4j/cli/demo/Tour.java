package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code zmq4j demo} alone: every pattern of the two talks, one after the other in this process,
 * each step headed {@code == N. title}, told in one sentence and proved by the numbers of this
 * run. Every wait is bounded ({@link DemoProgram#WAIT}); the whole tour takes a few seconds. Not
 * thread-safe: run it once at a time.
 */
public final class Tour {
    private static final int BEACONS = 3;
    private static final int REQUESTS = 3;
    private static final int WORKERS = 3;

    private final PrintWriter out;
    private int step;

    public Tour(PrintWriter out) {
        this.out = out;
    }

    /** Runs the tour; 0 if every step did what it says, 1 (with the reason) if one failed. */
    public int run() {
        long start = System.nanoTime();
        try (Context context = new Context()) {
            say("zmq4j demo: the talks' patterns in one process (%s transport)", context.isNativeTransport() ? "native epoll" : "NIO");
            beacon(context);
            time(context);
            cluster(context);
            work(context);
            heading("JSON: records as strings", "ØMQ carries bytes; the records are JSON both ways.");
            say("  sum of the totals the server computed: %d cents", JsonDemo.show(context, this::detail));
            heading("multipart: all or nothing", "A message's frames stay with the sender until the last one is sent.");
            MultipartDemo.show(context, this::detail);
            heading("high-water marks: block or drop", "At its HWM a PUSH makes the sender wait, a PUB drops for the slow subscriber.");
            HwmDemo.show(context, this::detail);
            heading("polling: one thread, many sockets", "A Poller says which sockets have messages; each socket's callback handles them.");
            PollDemo.show(context, this::detail);
            heading("LINGER: what close does to unsent messages", "LINGER bounds how long close waits to deliver what is queued.");
            LingerDemo.show(context, this::detail);
        } catch (RuntimeException e) {
            say("failed at step %d: %s", step, e);
            return 1;
        }
        say("%ndone: %d steps in %d ms", step, (System.nanoTime() - start) / 1_000_000);
        return 0;
    }

    private void beacon(Context context) {
        heading("PUB/SUB: a beacon", "A PUB sends {pid, timestamp} beacons; a SUB that joins gets those sent after its subscription arrived.");
        try (Socket pub = context.socket(SocketType.PUB); Socket sub = context.socket(SocketType.SUB)) {
            String endpoint = pub.bind("tcp://127.0.0.1:*");
            sub.set(Option.SUBSCRIBE, new byte[0]);
            sub.connect(endpoint);
            int sent = 0;
            List<String> received = new ArrayList<>();
            long deadline = System.nanoTime() + DemoProgram.WAIT.toNanos();
            while (received.size() < BEACONS && System.nanoTime() < deadline) {
                pub.send(BeaconPub.beacon());
                sent++;
                var beacon = sub.receive(java.time.Duration.ofMillis(50));
                if (beacon != null) {
                    received.add(beacon.first().toUtf8());
                }
            }
            if (received.size() < BEACONS) {
                throw new IllegalStateException("the SUB got " + received.size() + " of " + sent + " beacons");
            }
            received.forEach(b -> detail("SUB received %s", b));
            detail("%d beacons published on %s, %d received: the other %d were published before the SUB's subscription reached the PUB, which sends only to subscribers",
                    sent, endpoint, received.size(), sent - received.size());
        }
    }

    private void time(Context context) {
        heading("REQ/REP: the time service", "A REQ asks, a REP answers with its pid and the time, in lock-step.");
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ)) {
            req.connect(rep.bind("tcp://127.0.0.1:*"));
            Thread server = new Thread(() -> {
                for (int i = 0; i < REQUESTS; i++) {
                    rep.receiveString();
                    rep.send(Json.object("pid", DemoProgram.pid(), "timestamp", System.currentTimeMillis()));
                }
            }, "tour-time-rep");
            server.start();
            for (int i = 1; i <= REQUESTS; i++) {
                long t0 = System.nanoTime();
                req.send(Json.object("pid", DemoProgram.pid()));
                String answer = DemoProgram.text(req.receive(DemoProgram.WAIT), "answer");
                detail("answer %d in %d us: %s", i, (System.nanoTime() - t0) / 1000, answer);
            }
            JsonDemo.join(server);
        }
    }

    private void cluster(Context context) {
        heading("ROUTER/DEALER: a REP cluster", "A ROUTER frontend and a DEALER backend share the requests among REP workers.");
        AtomicLongArray answered = new AtomicLongArray(WORKERS + 1);
        try (Context clusterContext = new Context(); Socket req = context.socket(SocketType.REQ)) {
            req.connect(TimeRepCluster.start(clusterContext, "tcp://127.0.0.1:*", WORKERS, answered, (f, a) -> { }));
            int[] perWorker = new int[WORKERS];
            for (int i = 0; i < WORKERS * REQUESTS; i++) {
                req.send(Json.object("pid", DemoProgram.pid()));
                Map<String, Object> answer = Json.parse(DemoProgram.text(req.receive(DemoProgram.WAIT), "answer"));
                perWorker[((Long) answer.get("worker")).intValue() - 1]++;
            }
            detail("%d requests, answers per worker (from the answers' \"worker\"): %s", WORKERS * REQUESTS, Arrays.toString(perWorker));
        }
    }

    private void work(Context context) {
        heading("PUSH/PULL: a work queue and the first joiner", "PUSH deals jobs round-robin over the workers connected when it sends.");
        WorkPullCluster.rounds(context, WORKERS, 10 * WORKERS, this::detail);
    }

    private void heading(String title, String sentence) {
        step++;
        say("%n== %d. %s%n%s", step, title, sentence);
    }

    private void detail(String format, Object... args) {
        say("  " + format, args);
    }

    private void say(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
