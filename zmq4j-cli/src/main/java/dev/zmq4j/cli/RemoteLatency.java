package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;

/**
 * {@code perf remote-lat}: connects a REQ socket, makes {@code count} round trips and prints
 * libzmq's three lines (average one-way latency = elapsed / (2 × round trips), in µs), then the
 * one-way p50, p99, p99.9 and p99.99 (each round trip / 2) from an HdrHistogram of every round trip.
 * With {@value SlowRoundTrips#ENV} set, the round trips slower than that many microseconds are
 * listed on standard error with their wall-clock time, to line up with GC and safepoint logs.
 */
@Command(name = "remote-lat", mixinStandardHelpOptions = true,
        description = "Connect REQ, make <roundtrips> round trips, print the latency.")
final class RemoteLatency extends PerfTool {
    @Override
    boolean latency() {
        return true;
    }

    @Override
    int run(Context context) {
        Histogram roundTrips = new Histogram(3);
        long elapsedNanos;
        try (ZapResponder zap = security.startZap(context);
             Socket req = security.apply(context.socket(SocketType.REQ))) {
            req.connect(endpoint);
            SlowRoundTrips slow = SlowRoundTrips.fromEnvironment();
            elapsedNanos = RoundTripLoops.request(req, new byte[messageSize], count, roundTrips, slow);
            if (elapsedNanos < 0) {
                return wrongSize(RoundTripLoops.replySize(elapsedNanos));
            }
            if (slow != null) {
                slow.print(err());
            }
        }
        report(out(), messageSize, count, elapsedNanos, roundTrips);
        return 0;
    }

    static void report(PrintWriter out, int messageSize, long count, long elapsedNanos, Histogram roundTrips) {
        out.println("message size: " + messageSize + " [B]");
        out.println("roundtrip count: " + count);
        out.println("average latency: " + decimal3(elapsedNanos / 1e3 / (2.0 * count)) + " [us]");
        out.println("p50 latency: " + oneWayMicros(roundTrips, 50) + " [us]");
        out.println("p99 latency: " + oneWayMicros(roundTrips, 99) + " [us]");
        out.println("p99.9 latency: " + oneWayMicros(roundTrips, 99.9) + " [us]");
        out.println("p99.99 latency: " + oneWayMicros(roundTrips, 99.99) + " [us]");
        out.flush();
    }

    private static String oneWayMicros(Histogram roundTrips, double percentile) {
        return decimal3(roundTrips.getValueAtPercentile(percentile) / 2e3);
    }
}
