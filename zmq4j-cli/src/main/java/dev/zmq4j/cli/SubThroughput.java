package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code perf sub-thr}: the measuring side of the PUB → N SUBs throughput test (see
 * {@code pub-thr}). One process, one context, {@code subscribers} SUB sockets, each connected to
 * the endpoint, subscribed to everything and received on its own thread. A subscriber stops at
 * {@code count} messages or at the publisher's end marker (an empty message), then unsubscribes;
 * the sockets close with LINGER 0, as nothing they could still send matters.
 *
 * <p>It prints {@code local-thr}'s lines for the aggregate: messages received by all subscribers
 * over the time from the first message any of them received to the last message any of them
 * received, plus how many were delivered of the {@code count × subscribers} published and the
 * fewest any one subscriber received, so that drops at the publisher's SNDHWM are visible.
 */
@Command(name = "sub-thr", mixinStandardHelpOptions = true,
        description = "Connect <subscribers> SUBs (a thread each), receive until <count> or the end marker, print the aggregate throughput.")
final class SubThroughput extends PerfTool {
    @Parameters(index = "3", paramLabel = "<subscribers>", description = "SUB sockets, each on its own thread")
    int subscribers;

    /** What one subscriber received; written by its thread, read after the join. */
    private static final class Tally {
        long received;
        long firstNanos;
        long lastNanos;
        int wrongSize = -1;
        RuntimeException failure;
    }

    @Override
    int run(Context context) {
        PubThroughput.checkPubSub(this, subscribers);
        Tally[] tallies = new Tally[subscribers];
        try (ZapResponder zap = security.startZap(context)) {
            Thread[] threads = new Thread[subscribers];
            for (int i = 0; i < subscribers; i++) {
                Socket sub = security.apply(context.socket(SocketType.SUB));
                // Nothing a subscriber sends matters once it is done.
                sub.set(Option.LINGER, Duration.ZERO);
                sub.set(Option.SUBSCRIBE, new byte[0]);
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
        for (Tally t : tallies) {
            if (t.failure != null) {
                throw t.failure;
            }
            if (t.wrongSize >= 0) {
                return wrongSize(t.wrongSize);
            }
        }
        report(out(), messageSize, count, tallies);
        return 0;
    }

    /** One subscriber's thread: receives until {@code count} messages or the end marker. */
    private void receive(Socket sub, Tally tally) {
        try (sub) {
            long received = 0;
            long first = 0;
            long last = 0;
            while (received < count) {
                byte[] m = sub.receiveBytes();
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
            sub.set(Option.UNSUBSCRIBE, new byte[0]);
        } catch (RuntimeException e) {
            tally.failure = e;
        }
    }

    private static void report(PrintWriter out, int messageSize, int count, Tally[] tallies) {
        long total = 0;
        long minimum = Long.MAX_VALUE;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Tally t : tallies) {
            total += t.received;
            minimum = Math.min(minimum, t.received);
            if (t.received > 0) {
                first = Math.min(first, t.firstNanos);
                last = Math.max(last, t.lastNanos);
            }
        }
        long elapsedNanos = total == 0 ? 1 : Math.max(1, last - first);
        long throughput = (long) (total * 1e9 / elapsedNanos);
        double megabits = throughput * (double) messageSize * 8 / 1e6;
        out.println("message size: " + messageSize + " [B]");
        out.println("message count: " + count);
        out.println("subscribers: " + tallies.length);
        out.println("delivered: " + total + " of " + (long) count * tallies.length);
        out.println("per-subscriber minimum: " + minimum + " of " + count);
        out.println("mean throughput: " + throughput + " [msg/s]");
        out.println("mean throughput: " + decimal3(megabits) + " [Mb/s]");
        out.flush();
    }
}
