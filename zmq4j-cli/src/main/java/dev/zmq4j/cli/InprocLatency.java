package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perf inproc-lat}: libzmq's {@code inproc_lat} in one process: a REP bound to an inproc
 * name echoes in a second thread while a REQ makes {@code count} round trips, printed in
 * {@code remote-lat}'s lines (libzmq's three, then one-way percentiles).
 */
@Command(name = "inproc-lat", mixinStandardHelpOptions = true,
        description = "REQ <-> REP over inproc:// in one process, print the latency.")
final class InprocLatency implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<message-size>", description = "bytes per message")
    int messageSize;

    @Parameters(index = "1", paramLabel = "<roundtrips>", description = "round trips")
    int count;

    static void check(CommandSpec spec, int messageSize, int count) {
        if (messageSize < 0) {
            throw new ParameterException(spec.commandLine(), "message-size: " + messageSize + " (expected: >= 0)");
        }
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "count: " + count + " (expected: >= 1)");
        }
    }

    @Override
    public Integer call() throws Exception {
        check(spec, messageSize, count);
        Histogram roundTrips = new Histogram(3);
        long elapsedNanos;
        try (Context context = Warmup.warmedUp("inproc://", messageSize, true, spec.commandLine().getErr());
             Socket rep = context.socket(SocketType.REP)) {
            String endpoint = rep.bind("inproc://lat_test");
            Thread echo = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    rep.send(rep.receiveBytes());
                }
            }, "inproc-lat-echo");
            echo.start();
            try (Socket req = context.socket(SocketType.REQ)) {
                req.connect(endpoint);
                elapsedNanos = RoundTripLoops.request(req, new byte[messageSize], count, roundTrips, null);
                if (elapsedNanos < 0) {
                    spec.commandLine().getErr().println("message of incorrect size received: " + RoundTripLoops.replySize(elapsedNanos)
                            + " (expected: " + messageSize + ")");
                    return 1;
                }
            }
            echo.join();
        }
        RemoteLatency.report(spec.commandLine().getOut(), messageSize, count, elapsedNanos, roundTrips);
        return 0;
    }
}
