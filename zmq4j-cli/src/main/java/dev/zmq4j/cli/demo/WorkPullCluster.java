package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo work-pull-cluster}: the Node.js talk's first-joiner problem, in numbers. PUSH
 * deals jobs round-robin over the workers connected <em>at the moment it sends</em>; a worker that
 * connects first gets every job sent while it is alone, and a quick pusher sends them all in that
 * moment. The fix: have every worker connected before the first job is sent (here, the pusher
 * waits for one handshake per worker, as a ready signal).
 *
 * <p>Alone it runs both rounds against its own pusher and prints the jobs per worker: the problem,
 * then the fix, in one run. With {@code --connect} its workers take {@code --count} jobs from an
 * outside pusher ({@link WorkPush}) in one round, and what that round shows depends on the pusher,
 * which this program does not control:
 * <ul>
 *   <li>without {@code --fix} the first worker connects alone and the others only once it has a
 *       job: against a pusher that sends as soon as a worker is there ({@code work-push} without
 *       {@code --wait-for}), the first joiner's share (most or all of the jobs). Against
 *       {@code work-push --wait-for N} (N &gt; 1) it fails after 10 s with no first job: each side
 *       waits for the other;</li>
 *   <li>{@code --fix} connects every worker at once, which is not enough on its own: connections
 *       complete one by one and a pusher that sends as soon as one worker is there deals its first
 *       jobs, often all, to that one (as it does when it starts after the workers and they
 *       reconnect one by one). The even share needs a ready signal on the pusher's side:
 *       {@code work-push --wait-for N}.</li>
 * </ul>
 * Both rounds in one run against an outside pusher are not possible: after the first round it has
 * sent its jobs, and only the pusher can hold the second round's back until every worker is
 * connected. Run it twice (the second time with {@code --fix} and the pusher with {@code --wait-for N}).
 */
@Command(name = "work-pull-cluster", mixinStandardHelpOptions = true,
        description = {"Show the first-joiner problem of PUSH/PULL in numbers, then the fix.",
                "Alone: both rounds, against a pusher of its own.",
                "With --connect: one round against an outside pusher (work-push), and the",
                "pusher decides what it shows:",
                "- without --fix: the first worker connects alone, the rest after its first",
                "  job; the problem, against work-push without --wait-for (against",
                "  work-push --wait-for N it fails after 10 s: each side waits for the other);",
                "- --fix: every worker connects at once; an even share also needs the pusher",
                "  to wait for them (work-push --wait-for N), else the first connected often",
                "  gets most or all of the jobs.",
                "Both rounds in one run are not possible against an outside pusher: only the",
                "pusher can hold back the second round's jobs until every worker is",
                "connected. Run twice."})
public final class WorkPullCluster extends DemoProgram implements Callable<Integer> {
    @Option(names = "--connect", description = "an outside pusher's endpoint (default: run both rounds with our own pusher)")
    String connect;

    @Option(names = "--workers", defaultValue = "3", description = "PULL workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--count", defaultValue = "30", description = "jobs per round (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--fix", description = "with --connect: connect every worker at once (an even share also needs work-push --wait-for N)")
    boolean fix;

    @Override
    public Integer call() {
        if (workers < 2 || count < workers) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--workers: " + workers + ", --count: " + count + " (expected: workers >= 2, count >= workers)");
        }
        try (Context context = new Context()) {
            if (connect != null) {
                say("work-pull-cluster: %d workers taking %d jobs from %s, %s", workers, count, connect,
                        fix ? "all connected at once" : "the first one connected early");
                say("jobs per worker: %s", Arrays.toString(collect(context, connect, workers, count, !fix)));
                say(fix ? "an even share only if the pusher waited for all %d workers (work-push --wait-for %1$d)"
                        : "one round: for the fix, run again with --fix, and work-push with --wait-for %d", workers);
            } else {
                rounds(context, workers, count, this::say);
            }
            return 0;
        }
    }

    /**
     * Both rounds against a pusher of our own over tcp, narrated.
     *
     * @return the jobs per worker of each round: {@code [problem, fix]}
     */
    static int[][] rounds(Context context, int workers, int jobs, Narrator narrator) {
        int[] early = round(context, workers, jobs, false);
        narrator.say("first joiner: worker 1 connected early, the rest after its first job: jobs per worker %s", Arrays.toString(early));
        int[] fair = round(context, workers, jobs, true);
        narrator.say("fix: all %d workers connected before the first job: jobs per worker %s", workers, Arrays.toString(fair));
        return new int[][] {early, fair};
    }

    private static int[] round(Context context, int workers, int jobs, boolean waitForAll) {
        try (Socket push = context.socket(SocketType.PUSH);
             Monitor handshakes = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED))) {
            String endpoint = push.bind("tcp://127.0.0.1:*");
            Thread pusher = new Thread(() -> {
                if (waitForAll) {
                    for (int ready = 0; ready < workers; ready++) {
                        if (handshakes.next(WAIT) == null) {
                            return;
                        }
                    }
                }
                for (int i = 1; i <= jobs; i++) {
                    push.send(Json.object("job", i));
                }
            }, "work-pusher");
            pusher.start();
            int[] counts = collect(context, endpoint, workers, jobs, !waitForAll);
            join(pusher);
            return counts;
        }
    }

    /**
     * Connects {@code workers} PULL sockets to {@code endpoint} (the first alone until it has a
     * job, if {@code firstEarly}) and takes {@code jobs} jobs over all of them in this thread.
     */
    static int[] collect(Context context, String endpoint, int workers, int jobs, boolean firstEarly) {
        List<Socket> pulls = new ArrayList<>();
        int[] counts = new int[workers];
        try (Poller poller = new Poller()) {
            for (int w = 0; w < workers; w++) {
                pulls.add(context.socket(SocketType.PULL));
            }
            pulls.get(0).connect(endpoint);
            int taken = 0;
            if (firstEarly) {
                require(pulls.get(0).receive(WAIT), "the first job");
                counts[0]++;
                taken++;
            }
            for (Socket pull : pulls.subList(1, workers)) {
                pull.connect(endpoint);
            }
            pulls.forEach(pull -> poller.register(pull, Poller.Event.READABLE));
            while (taken < jobs) {
                if (poller.poll(WAIT) == 0) {
                    throw new IllegalStateException("no job for " + WAIT.toSeconds() + " s after " + taken + " of " + jobs);
                }
                for (int w = 0; w < workers; w++) {
                    for (Message job; taken < jobs && (job = pulls.get(w).tryReceive()) != null; ) {
                        counts[w]++;
                        taken++;
                    }
                }
            }
            return counts;
        } finally {
            pulls.forEach(Socket::close);
        }
    }

    private static void require(Object value, String what) {
        if (value == null) {
            throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s");
        }
    }

    private static void join(Thread t) {
        try {
            t.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
