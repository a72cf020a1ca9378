package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code perf router-srv}: binds a ROUTER and echoes what {@code dealer-clients} sends (see
 * {@link ScaleTool} for the protocol): {@code <clients>} hellos, then {@code <requests>} requests
 * from each active client, each answered with a reply of the same size. Prints its memory before
 * the bind and once every client's hello arrived (RSS, heap after GC, per connection), then the
 * round trips per second from the go signal to the last reply, and its CPU time per round trip.
 */
@Command(name = "router-srv", mixinStandardHelpOptions = true,
        description = "Bind ROUTER, echo <clients> hellos and <requests> requests per active client; print memory per connection and round trips/s.")
final class RouterServer extends ScaleTool {
    @Parameters(index = "0", paramLabel = "<endpoint>", description = "e.g. tcp://127.0.0.1:5555")
    String endpoint;

    @Parameters(index = "1", paramLabel = "<clients>", description = "DEALERs that will connect (over all client processes)")
    int clients;

    @Parameters(index = "2", paramLabel = "<requests>", description = "requests per active client")
    int requests;

    /** Told the actual endpoint once bound (tests bind to port 0 and need it). */
    Consumer<String> boundListener = ep -> { };

    @Override
    public Integer call() {
        checkAtLeast("clients", clients, 1);
        checkAtLeast("requests", requests, 1);
        security.check();
        try (Context context = new Context(); ZapResponder zap = security.startZap(context);
             Socket router = security.apply(context.socket(SocketType.ROUTER))) {
            ProcessStats before = ProcessStats.sample();
            boundListener.accept(router.bind(endpoint));
            int hellos = 0;
            long ready = 0;
            long active = 0;
            List<Frame> readyIds = new ArrayList<>();
            long echoed = 0;
            // Known at the go, once every client process has said how many of its DEALERs are active.
            long total = -1;
            long goNanos = 0;
            long goCpuNanos = 0;
            while (total < 0 || echoed < total) {
                Message m = router.receive();
                if (m.size() != 2 || m.frame(1).isEmpty()) {
                    return fail("unexpected message: " + m.size() + " frames (expected: routing id and a non-empty body)");
                }
                Frame body = m.frame(1);
                switch (body.byteAt(0)) {
                    case REQUEST -> {
                        router.send(m);
                        echoed++;
                    }
                    case HELLO -> {
                        router.send(m);
                        if (++hellos == clients) {
                            ProcessStats connected = ProcessStats.sample();
                            out().println("clients: " + clients);
                            printMemory(before, connected, clients);
                        }
                    }
                    case READY -> {
                        long[] counts = readyCounts(body);
                        ready += counts[0];
                        active += counts[1];
                        readyIds.add(m.frame(0));
                        if (ready >= clients) {
                            total = active * requests;
                            goNanos = System.nanoTime();
                            goCpuNanos = ProcessStats.cpuNanos();
                            sendToAll(router, readyIds, GO);
                        }
                    }
                    default -> {
                        return fail("unexpected message kind: " + new String(new byte[] {body.byteAt(0)}, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            long elapsed = System.nanoTime() - goNanos;
            long cpu = ProcessStats.cpuNanos();
            // Only now may the client processes close their DEALERs: not while another one still measures.
            sendToAll(router, readyIds, DONE);
            printThroughput(total, elapsed, cpu < 0 || goCpuNanos < 0 ? -1 : cpu - goCpuNanos);
        }
        return 0;
    }

    /** The client count and active count of a ready message, {@code "R<clients>/<active>"}. */
    private static long[] readyCounts(Frame body) {
        String[] counts = body.toUtf8().substring(1).split("/", 2);
        long n = Long.parseLong(counts[0]);
        return new long[] {n, counts.length > 1 ? Long.parseLong(counts[1]) : n};
    }

    private static void sendToAll(Socket router, List<Frame> ids, byte kind) {
        for (Frame id : ids) {
            router.send(Message.of(id, Frame.of(new byte[] {kind})));
        }
    }
}
