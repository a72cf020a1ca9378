package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.security.CurveKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code perf soak}: mixed patterns in one process for a long time, with peer churn, sampling the
 * process each second. PUB → 3 SUBs over tcp, 2 PUSH → PULL over ipc, 2 DEALER ↔ an echoing ROUTER
 * over tcp, 2 CURVE REQ ↔ an echoing CURVE REP over tcp, and 2 PUSH → PULL over tcp through a
 * {@link dev.zmq4j.chaos.ChaosRelay} that delays every byte by {@code --chaos-latency} and cuts every
 * connection each {@code --chaos-cut} ({@link SoakChaos}), each at {@code --rate} messages a second;
 * every {@code --churn} one client of each pattern is closed and a new one connects (a new
 * connection, and for CURVE a new handshake).
 *
 * <p>Each second a CSV line: elapsed seconds, heap used, heap after a full collection (every tenth
 * line, else empty), resident memory (VmRSS), threads, open file descriptors, direct memory, the
 * messages each pattern moved that second, peers churned, errors. At the end, one summary line;
 * the exit status is 0 when no client or server saw an error.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Mixed patterns with peer churn for a long time; samples heap, RSS, threads and fds each second into a CSV.")
final class Soak implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--duration", converter = DurationConverter.class, defaultValue = "30m",
            description = "how long to run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @picocli.CommandLine.Option(names = "--csv", defaultValue = "soak.csv", description = "where the samples go (default: ${DEFAULT-VALUE})")
    Path csv;

    @picocli.CommandLine.Option(names = "--rate", defaultValue = "2000", description = "messages per second per pattern (default: ${DEFAULT-VALUE})")
    int rate;

    @picocli.CommandLine.Option(names = "--churn", converter = DurationConverter.class, defaultValue = "1s",
            description = "how often one client of each pattern is replaced (default: ${DEFAULT-VALUE})")
    Duration churn;

    @picocli.CommandLine.Option(names = "--chaos-latency", converter = DurationConverter.class, defaultValue = "1ms",
            description = "the chaos link's latency: how long its relay holds every byte back (default: ${DEFAULT-VALUE})")
    Duration chaosLatency;

    @picocli.CommandLine.Option(names = "--chaos-cut", converter = DurationConverter.class, defaultValue = "10s",
            description = "how often the chaos link's relay cuts every connection through it (default: ${DEFAULT-VALUE})")
    Duration chaosCut;

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Override
    public Integer call() throws IOException {
        if (duration.isNegative() || duration.isZero() || rate < 1 || churn.isNegative() || churn.isZero()
                || chaosCut.isNegative() || chaosCut.isZero()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--duration, --rate, --churn and --chaos-cut: " + duration + ", " + rate + ", " + churn + ", " + chaosCut
                            + " (expected: > 0)");
        }
        if (chaosLatency.isNegative()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--chaos-latency: " + chaosLatency + " (expected: >= 0)");
        }
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong serverErrors = new AtomicLong();
        List<SoakLoad> loads = new ArrayList<>();
        try (Context servers = new Context(); Context clients = new Context();
             PrintWriter samples = new PrintWriter(Files.newBufferedWriter(csv))) {
            loads.add(pubSub(servers, clients, serverErrors));
            loads.add(pushPull(servers, clients, serverErrors));
            loads.add(routerDealer(servers, clients, serverErrors));
            loads.add(curve(servers, clients, serverErrors));
            SoakChaos chaos = new SoakChaos(servers, clients, chaosLatency, chaosCut, rate, serverErrors);
            loads.add(chaos.load);
            samples.println("second,heap_used,heap_after_gc,rss_kib,threads,fds,direct," + String.join(",",
                    loads.stream().map(l -> l.name).toList()) + ",churned,errors");
            Sample first = null;
            Sample firstGc = null;
            Sample max = null;
            Sample last = null;
            long[] previous = new long[loads.size()];
            long start = System.nanoTime();
            long churnNanos = churn.toNanos();
            long nextChurn = start + churnNanos;
            int seconds = (int) Math.max(1, duration.toSeconds());
            for (int s = 1; s <= seconds; s++) {
                long tick = start + TimeUnit.SECONDS.toNanos(s);
                while (System.nanoTime() < tick) {
                    if (System.nanoTime() >= nextChurn) {
                        loads.forEach(SoakLoad::churn);
                        nextChurn += churnNanos;
                    }
                    chaos.tick(System.nanoTime());
                    LockSupport.parkNanos(Math.min(Math.min(tick, nextChurn), chaos.nextTickNanos()) - System.nanoTime());
                }
                Sample now = Sample.take(s % 10 == 0);
                StringBuilder line = new StringBuilder();
                line.append(s).append(',').append(now.heapUsed).append(',').append(now.heapAfterGc < 0 ? "" : now.heapAfterGc)
                        .append(',').append(now.rssKiB).append(',').append(now.threads).append(',').append(now.fds)
                        .append(',').append(now.direct);
                for (int i = 0; i < loads.size(); i++) {
                    long m = loads.get(i).messages.get();
                    line.append(',').append(m - previous[i]);
                    previous[i] = m;
                }
                line.append(',').append(loads.stream().mapToLong(l -> l.churned.get()).sum())
                        .append(',').append(errors(loads, serverErrors));
                samples.println(line);
                samples.flush();
                first = first == null ? now : first;
                firstGc = firstGc == null && now.heapAfterGc >= 0 ? now : firstGc;
                max = max == null ? now : max.max(now);
                last = now;
            }
            loads.forEach(SoakLoad::close);
            chaos.close();
            long errors = errors(loads, serverErrors);
            Sample end = Sample.take(true);
            out.printf(Locale.ROOT, "soak: %d s, %s; peers churned %d; heap used max %s, after GC first/last/end %s/%s/%s;"
                    + " RSS %d -> %d KiB (max %d); threads %d -> %d (max %d, %d after closing the clients);"
                    + " fds %d -> %d (max %d); direct %s -> %s; errors %d; %s; samples in %s%n",
                    seconds, String.join(", ", loads.stream().map(l -> l.name + " " + l.messages.get()).toList()),
                    loads.stream().mapToLong(l -> l.churned.get()).sum(), mib(max.heapUsed), mib(firstGc == null ? -1 : firstGc.heapAfterGc),
                    mib(last.heapAfterGc), mib(end.heapAfterGc), first.rssKiB, last.rssKiB, max.rssKiB,
                    first.threads, last.threads, max.threads, end.threads, first.fds, last.fds, max.fds,
                    mib(first.direct), mib(last.direct), errors, chaos.summary(), csv);
            out.flush();
            return errors == 0 ? 0 : 1;
        }
    }

    private static long errors(List<SoakLoad> loads, AtomicLong serverErrors) {
        return serverErrors.get() + loads.stream().mapToLong(l -> l.errors.get()).sum();
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static Socket client(Context ctx, SocketType type, String endpoint) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ofSeconds(1));
        s.connect(endpoint);
        return s;
    }

    private SoakLoad pubSub(Context servers, Context clients, AtomicLong errors) {
        Socket pub = servers.socket(SocketType.PUB);
        String ep = pub.bind("tcp://127.0.0.1:*");
        SoakLoad.server("pub", paced(rate, () -> pub.send(new byte[64])), errors);
        return new SoakLoad("pubsub", () -> {
            Socket sub = client(clients, SocketType.SUB, ep);
            sub.set(Option.SUBSCRIBE, new byte[0]);
            return sub;
        }, s -> s.receive(WAIT) == null ? 0 : 1, 0, 3);
    }

    private SoakLoad pushPull(Context servers, Context clients, AtomicLong errors) {
        Socket pull = servers.socket(SocketType.PULL);
        String ep = pull.bind("ipc://*");
        SoakLoad.server("pull", () -> {
            for (;;) {
                pull.receive();
            }
        }, errors);
        return new SoakLoad("pushpull", () -> client(clients, SocketType.PUSH, ep),
                s -> s.send(new byte[256], WAIT) ? 1 : fail("push: no room within " + WAIT), rate / 2, 2);
    }

    private SoakLoad routerDealer(Context servers, Context clients, AtomicLong errors) {
        Socket router = servers.socket(SocketType.ROUTER);
        String ep = router.bind("tcp://127.0.0.1:*");
        SoakLoad.server("router", () -> {
            for (;;) {
                router.send(router.receive());
            }
        }, errors);
        return new SoakLoad("routerdealer", () -> client(clients, SocketType.DEALER, ep),
                s -> roundTrip(s, "dealer"), rate / 2, 2);
    }

    private SoakLoad curve(Context servers, Context clients, AtomicLong errors) {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        Socket rep = servers.socket(SocketType.REP);
        rep.set(Option.CURVE_SERVER, true);
        rep.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        String ep = rep.bind("tcp://127.0.0.1:*");
        SoakLoad.server("curve-rep", () -> {
            for (;;) {
                rep.send(rep.receive());
            }
        }, errors);
        return new SoakLoad("curve", () -> {
            CurveKeyPair keys = CurveKeyPair.generate();
            Socket req = clients.socket(SocketType.REQ);
            req.set(Option.LINGER, Duration.ofSeconds(1));
            req.set(Option.CURVE_PUBLICKEY, keys.publicKey());
            req.set(Option.CURVE_SECRETKEY, keys.secretKey());
            req.set(Option.CURVE_SERVERKEY, serverKeys.publicKey());
            req.connect(ep);
            return req;
        }, s -> roundTrip(s, "curve"), rate / 2, 2);
    }

    private static int roundTrip(Socket s, String who) {
        byte[] body = new byte[128];
        if (!s.send(body, WAIT)) {
            return fail(who + ": request not sent within " + WAIT);
        }
        Message reply = s.receive(WAIT);
        return reply == null ? fail(who + ": no reply within " + WAIT) : 1;
    }

    private static int fail(String what) {
        throw new IllegalStateException(what);
    }

    /** A loop running {@code action} {@code perSecond} times a second, for ever. */
    private static Runnable paced(int perSecond, Runnable action) {
        return () -> {
            long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
            long next = System.nanoTime();
            for (;;) {
                action.run();
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        };
    }

    /** One sample of the process; {@code heapAfterGc} is -1 when no collection was asked for. */
    private record Sample(long heapUsed, long heapAfterGc, long rssKiB, long threads, long fds, long direct) {
        static Sample take(boolean gc) {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            ProcessStats p = gc ? ProcessStats.sample() : ProcessStats.now();
            long direct = 0;
            for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
                if (pool.getName().equals("direct")) {
                    direct = pool.getMemoryUsed();
                }
            }
            direct += Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
            return new Sample(used, gc ? p.heapBytes() : -1, p.rssKiB(), p.threads(), p.openFiles(), direct);
        }

        Sample max(Sample o) {
            return new Sample(Math.max(heapUsed, o.heapUsed), Math.max(heapAfterGc, o.heapAfterGc), Math.max(rssKiB, o.rssKiB),
                    Math.max(threads, o.threads), Math.max(fds, o.fds), Math.max(direct, o.direct));
        }
    }
}
