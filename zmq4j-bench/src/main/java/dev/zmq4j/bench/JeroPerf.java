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
 * </pre>
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
        return 2;
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
