package dev.zmq4j.bench;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * JeroMQ's side of the side-by-side benchmark: the four perf tools with the command line and
 * output lines of {@code zmq4j perf} and libzmq's tools, written against JeroMQ's public API
 * ({@link ZContext}, {@link ZMQ.Socket}).
 *
 * <pre>
 *   JeroPerf local-thr|remote-thr|local-lat|remote-lat &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt;
 *   JeroPerf inproc-thr|inproc-lat &lt;message-size&gt; &lt;count&gt;
 *   JeroPerf pub-thr|sub-thr &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt; &lt;subscribers&gt;
 * </pre>
 *
 * <p>{@code pub-thr} and {@code sub-thr} are PUB → N SUBs as in {@code zmq4j perf} and zperf: an
 * XPUB (XPUB_VERBOSE) waits for the subscriptions, publishes {@code count} messages at the default
 * SNDHWM, then repeats an end marker (an empty message) every millisecond until XPUB reports the
 * last cancel; each of the N SUBs (one context, a thread each) stops at {@code count} messages or
 * at its first marker, and {@code sub-thr} prints the aggregate throughput and the deliveries.
 * These sockets close with LINGER 0: nothing is left to send that matters.
 *
 * <p>Every socket lingers forever on close (libzmq's default; ZContext's own default is 0), so a
 * sender that closes right after its last message still delivers them all. Not thread-safe: one
 * run per instance.
 */
public final class JeroPerf {
    private final String endpoint;
    private final int messageSize;
    private final int count;
    private final PrintStream out;

    JeroPerf(String endpoint, int messageSize, int count, PrintStream out) {
        this.endpoint = endpoint;
        this.messageSize = messageSize;
        this.count = count;
        this.out = out;
    }

    /** Runs {@code args = {tool, endpoint, size, count}}; exits with 0, 1 (failure) or 2 (usage). */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** As {@link #main} but returns the exit status. */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 3 && (args[0].equals("inproc-thr") || args[0].equals("inproc-lat"))) {
            return run(new String[] {args[0], "inproc://" + args[0].substring(7) + "_test", args[1], args[2]}, out);
        }
        if (args.length == 5 && (args[0].equals("pub-thr") || args[0].equals("sub-thr"))) {
            return pubSub(args, out);
        }
        if (args.length != 4) {
            return usage("expected 4 arguments, got " + args.length);
        }
        int size;
        int count;
        try {
            size = Integer.parseInt(args[2]);
            count = Integer.parseInt(args[3]);
        } catch (NumberFormatException e) {
            return usage("message-size and count must be integers: " + args[2] + ", " + args[3]);
        }
        if (size < 0 || count < 1) {
            return usage("message-size: " + size + " (expected: >= 0), count: " + count + " (expected: >= 1)");
        }
        JeroWarmup.run(args[0], args[1], size);
        JeroPerf perf = new JeroPerf(args[1], size, count, out);
        return switch (args[0]) {
            case "local-thr" -> perf.localThroughput();
            case "remote-thr" -> perf.remoteThroughput();
            case "local-lat" -> perf.localLatency();
            case "remote-lat" -> perf.remoteLatency();
            case "inproc-thr" -> perf.inproc(true);
            case "inproc-lat" -> perf.inproc(false);
            default -> usage("unknown tool: " + args[0]);
        };
    }

    private static int usage(String problem) {
        System.err.println("jeromq perf: " + problem);
        System.err.println("usage: jeromq local-thr|remote-thr|local-lat|remote-lat <endpoint> <message-size> <count>");
        System.err.println("       jeromq inproc-thr|inproc-lat <message-size> <count>");
        System.err.println("       jeromq pub-thr|sub-thr <endpoint> <message-size> <count> <subscribers>");
        return 2;
    }

    // ---- PUB -> N SUBs ----

    /** How long pub-thr repeats the end marker before it gives up on the subscribers leaving. */
    private static final int END_TIMEOUT_SECONDS = 30;

    private static int pubSub(String[] args, PrintStream out) {
        int size;
        int count;
        int subscribers;
        try {
            size = Integer.parseInt(args[2]);
            count = Integer.parseInt(args[3]);
            subscribers = Integer.parseInt(args[4]);
        } catch (NumberFormatException e) {
            return usage("message-size, count and subscribers must be integers: " + args[2] + ", " + args[3] + ", " + args[4]);
        }
        // An empty message is the end marker, so messages have one byte at least.
        if (size < 1 || count < 1 || subscribers < 1) {
            return usage("message-size: " + size + " (expected: >= 1), count: " + count + " (expected: >= 1), subscribers: "
                    + subscribers + " (expected: >= 1)");
        }
        JeroPerf perf = new JeroPerf(args[1], size, count, out);
        return args[0].equals("pub-thr") ? perf.publish(subscribers) : perf.subscribe(subscribers);
    }

    /**
     * The pub/sub tools' context: its sockets close with LINGER 0 (ZContext sets its own linger on
     * each socket it closes). Nothing is left to send that matters by then, and with LINGER -1 a
     * SUB whose publisher had gone could keep the context from terminating (seen with JeroMQ).
     */
    private static ZContext pubSubContext() {
        ZContext context = new ZContext(1);
        context.setLinger(0);
        return context;
    }

    int publish(int subscribers) {
        try (ZContext context = pubSubContext()) {
            ZMQ.Socket xpub = context.createSocket(SocketType.XPUB);
            xpub.setXpubVerbose(true);
            xpub.bind(endpoint);
            for (int subscribed = 0; subscribed < subscribers; ) {
                byte[] s = xpub.recv(0);
                if (s.length > 0 && s[0] == 1) {
                    subscribed++;
                }
            }
            byte[] message = new byte[messageSize];
            for (int i = 0; i < count; i++) {
                xpub.send(message, 0);
            }
            byte[] end = new byte[0];
            xpub.setReceiveTimeOut(1);
            long deadlineNanos = System.nanoTime() + END_TIMEOUT_SECONDS * 1_000_000_000L;
            while (true) {
                xpub.send(end, 0);
                byte[] s = xpub.recv(0);
                if (s != null && s.length > 0 && s[0] == 0) {
                    return 0;
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    System.err.println("pub-thr: the subscribers had not all left " + END_TIMEOUT_SECONDS + " s after the last message");
                    return 1;
                }
            }
        }
    }

    /** What one sub-thr subscriber received; written by its thread, read after the join. */
    private static final class Tally {
        long received;
        long firstNanos;
        long lastNanos;
        int wrongSize = -1;
    }

    int subscribe(int subscribers) {
        Tally[] tallies = new Tally[subscribers];
        try (ZContext context = pubSubContext()) {
            Thread[] threads = new Thread[subscribers];
            for (int i = 0; i < subscribers; i++) {
                ZMQ.Socket sub = context.createSocket(SocketType.SUB);
                sub.subscribe(new byte[0]);
                sub.connect(endpoint);
                Tally tally = new Tally();
                tallies[i] = tally;
                threads[i] = new Thread(() -> receive(sub, tally), "sub-thr-" + i);
                threads[i].start();
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
        }
        long total = 0;
        long minimum = Long.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Tally t : tallies) {
            if (t.wrongSize >= 0) {
                return wrongSize(t.wrongSize);
            }
            total += t.received;
            minimum = Math.min(minimum, t.received);
            if (t.received > 0) {
                first = Math.min(first, t.firstNanos);
                last = Math.max(last, t.lastNanos);
            }
        }
        long elapsedNanos = total == 0 ? 1 : Math.max(1, last - first);
        long throughput = (long) (total * 1e9 / elapsedNanos);
        out.println("message size: " + messageSize + " [B]");
        out.println("message count: " + count);
        out.println("subscribers: " + subscribers);
        out.println("delivered: " + total + " of " + (long) count * subscribers);
        out.println("per-subscriber minimum: " + minimum + " of " + count);
        out.println("mean throughput: " + throughput + " [msg/s]");
        out.println("mean throughput: " + decimal3(throughput * (double) messageSize * 8 / 1e6) + " [Mb/s]");
        out.flush();
        return 0;
    }

    /** One subscriber's thread: receives until {@code count} messages or the end marker, then unsubscribes. */
    private void receive(ZMQ.Socket sub, Tally tally) {
        long received = 0;
        long first = 0;
        long last = 0;
        while (received < count) {
            byte[] m = sub.recv(0);
            long now = System.nanoTime();
            if (m.length != messageSize) {
                if (m.length != 0) {
                    tally.wrongSize = m.length;
                }
                break;
            }
            if (received == 0) {
                first = now;
            }
            last = now;
            received++;
        }
        tally.received = received;
        tally.firstNanos = first;
        tally.lastNanos = last;
        // Once every subscriber has cancelled (or gone), XPUB tells pub-thr to stop the markers.
        sub.unsubscribe(new byte[0]);
    }

    /**
     * libzmq's {@code inproc_thr} ({@code thr}) or {@code inproc_lat}: the local tool here, the
     * remote one in a second thread, over inproc in one context.
     */
    int inproc(boolean thr) {
        try (ZContext context = context()) {
            int[] peerStatus = new int[1];
            Thread peer;
            int status;
            if (thr) {
                // The local side binds before the peer connects: start it, and the peer once bound.
                ZMQ.Socket pull = context.createSocket(SocketType.PULL);
                pull.bind(endpoint);
                peer = new Thread(() -> peerStatus[0] = remoteThroughput(context));
                peer.start();
                status = receiveAll(pull);
            } else {
                ZMQ.Socket rep = context.createSocket(SocketType.REP);
                rep.bind(endpoint);
                peer = new Thread(() -> peerStatus[0] = remoteLatency(context));
                peer.start();
                status = echoAll(rep);
            }
            try {
                peer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            return status != 0 ? status : peerStatus[0];
        }
    }

    private static ZContext context() {
        ZContext context = new ZContext(1);
        context.setLinger(-1);
        return context;
    }

    private int wrongSize(int actual) {
        System.err.println("message of incorrect size received: " + actual + " (expected: " + messageSize + ")");
        return 1;
    }

    int localThroughput() {
        try (ZContext context = context()) {
            return localThroughput(context);
        }
    }

    int localThroughput(ZContext context) {
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.bind(endpoint);
        return receiveAll(pull);
    }

    private int receiveAll(ZMQ.Socket pull) {
        {
            byte[] m = pull.recv(0);
            if (m.length != messageSize) {
                return wrongSize(m.length);
            }
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                m = pull.recv(0);
                if (m.length != messageSize) {
                    return wrongSize(m.length);
                }
            }
            long elapsedNanos = Math.max(1, System.nanoTime() - start);
            long throughput = (long) (count * 1e9 / elapsedNanos);
            out.println("message size: " + messageSize + " [B]");
            out.println("message count: " + count);
            out.println("mean throughput: " + throughput + " [msg/s]");
            out.println("mean throughput: " + decimal3(throughput * (double) messageSize * 8 / 1e6) + " [Mb/s]");
            out.flush();
            return 0;
        }
    }

    int remoteThroughput() {
        try (ZContext context = context()) {
            return remoteThroughput(context);
        }
    }

    int remoteThroughput(ZContext context) {
        {
            ZMQ.Socket push = context.createSocket(SocketType.PUSH);
            push.connect(endpoint);
            // JeroMQ copies the array into its own message on send, so one array serves for all.
            byte[] message = new byte[messageSize];
            for (int i = 0; i < count; i++) {
                push.send(message, 0);
            }
            context.destroySocket(push);
            return 0;
        }
    }

    int localLatency() {
        try (ZContext context = context()) {
            return localLatency(context);
        }
    }

    int localLatency(ZContext context) {
        ZMQ.Socket rep = context.createSocket(SocketType.REP);
        rep.bind(endpoint);
        return echoAll(rep);
    }

    private int echoAll(ZMQ.Socket rep) {
        {
            for (int i = 0; i < count; i++) {
                byte[] m = rep.recv(0);
                if (m.length != messageSize) {
                    return wrongSize(m.length);
                }
                rep.send(m, 0);
            }
            return 0;
        }
    }

    int remoteLatency() {
        try (ZContext context = context()) {
            return remoteLatency(context);
        }
    }

    int remoteLatency(ZContext context) {
        Histogram roundTrips = new Histogram(3);
        long elapsedNanos;
        {
            ZMQ.Socket req = context.createSocket(SocketType.REQ);
            req.connect(endpoint);
            byte[] message = new byte[messageSize];
            long start = System.nanoTime();
            long t0 = start;
            for (int i = 0; i < count; i++) {
                req.send(message, 0);
                byte[] reply = req.recv(0);
                long t1 = System.nanoTime();
                if (reply.length != messageSize) {
                    return wrongSize(reply.length);
                }
                roundTrips.recordValue(t1 - t0);
                t0 = t1;
            }
            elapsedNanos = t0 - start;
            context.destroySocket(req);
        }
        out.println("message size: " + messageSize + " [B]");
        out.println("roundtrip count: " + count);
        out.println("average latency: " + decimal3(elapsedNanos / 1e3 / (2.0 * count)) + " [us]");
        out.println("p50 latency: " + decimal3(roundTrips.getValueAtPercentile(50) / 2e3) + " [us]");
        out.println("p99 latency: " + decimal3(roundTrips.getValueAtPercentile(99) / 2e3) + " [us]");
        out.println("p99.9 latency: " + decimal3(roundTrips.getValueAtPercentile(99.9) / 2e3) + " [us]");
        out.flush();
        return 0;
    }

    private static String decimal3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
