package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code perf dealer-clients}: opens {@code <clients>} DEALER sockets in one context, connects
 * them all to a {@code router-srv} and measures (see {@link ScaleTool} for the protocol):
 * <ol>
 *   <li>the connect time: from the first socket's creation until every DEALER has the reply to
 *       the hello it sent right after connect(). The first DEALER is connected alone (its reply
 *       awaited before the others are created): the first connect time is what one connection
 *       costs a cold process and server, start-up work such as class loading included;</li>
 *   <li>its memory per connection (RSS, heap after GC) before and after that;</li>
 *   <li>after the server's go, request/reply throughput: every active DEALER (the first
 *       {@code <active>}, default all) keeps {@code <window>} requests in flight until it has made
 *       {@code <requests-per-client>} round trips; one thread serves all of them through a
 *       {@link Poller}.</li>
 * </ol>
 */
@Command(name = "dealer-clients", mixinStandardHelpOptions = true,
        description = "Connect <clients> DEALERs in one process; print connect time, memory per connection and round trips/s.")
final class DealerClients extends ScaleTool {
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    @Parameters(index = "0", paramLabel = "<endpoint>", description = "the router-srv endpoint, e.g. tcp://127.0.0.1:5555")
    String endpoint;

    @Parameters(index = "1", paramLabel = "<clients>", description = "DEALER sockets in this process")
    int clients;

    @Parameters(index = "2", paramLabel = "<size>", description = "bytes per request and reply (>= 1)")
    int size;

    @Parameters(index = "3", paramLabel = "<requests-per-client>", description = "round trips each DEALER makes")
    int requests;

    @Parameters(index = "4", arity = "0..1", paramLabel = "<window>", defaultValue = "1",
            description = "requests each DEALER keeps in flight (default: ${DEFAULT-VALUE})")
    int window;

    @Parameters(index = "5", arity = "0..1", paramLabel = "<active>",
            description = "DEALERs that make round trips; the others only stay connected (default: all)")
    Integer active;

    @Override
    public Integer call() {
        checkAtLeast("clients", clients, 1);
        checkAtLeast("size", size, 1);
        checkAtLeast("requests-per-client", requests, 1);
        checkAtLeast("window", window, 1);
        int activeClients = active == null ? clients : active;
        checkAtLeast("active", activeClients, 0);
        if (activeClients > clients) {
            throw new ParameterException(spec.commandLine(),
                    "active: " + activeClients + " (expected: <= clients, " + clients + ")");
        }
        byte[] hello = new byte[size];
        hello[0] = HELLO;
        byte[] request = new byte[size];
        request[0] = REQUEST;
        security.check();
        try (Context context = new Context(); ZapResponder zap = security.startZap(context); Poller poller = new Poller()) {
            ProcessStats before = ProcessStats.sample();
            Socket[] dealers = new Socket[clients];
            Map<Socket, Integer> index = new IdentityHashMap<>(clients * 2);

            long start = System.nanoTime();
            int connected = 0;
            long firstNanos = 0;
            for (int i = 0; i < clients; i++) {
                Socket s = security.apply(context.socket(SocketType.DEALER));
                s.set(Option.LINGER, Duration.ZERO);
                s.connect(endpoint);
                s.send(hello);
                if (i == 0) {
                    // The first connection alone: what one costs on a cold process and server.
                    byte[] reply = s.receiveBytes();
                    if (reply.length != size || reply[0] != HELLO) {
                        return wrongReply(reply, HELLO);
                    }
                    connected++;
                    firstNanos = System.nanoTime() - start;
                }
                poller.register(s, Poller.Event.READABLE);
                dealers[i] = s;
                index.put(s, i);
            }
            while (connected < clients) {
                poller.poll(POLL_TIMEOUT);
                for (Socket s : poller.readySockets()) {
                    byte[] reply;
                    while ((reply = s.receiveBytes(Duration.ZERO)) != null) {
                        if (reply.length != size || reply[0] != HELLO) {
                            return wrongReply(reply, HELLO);
                        }
                        connected++;
                    }
                }
            }
            long connectNanos = System.nanoTime() - start;
            ProcessStats after = ProcessStats.sample();
            out().println("clients: " + clients);
            out().println("message size: " + size + " [B]");
            out().println("first connect time: " + PerfTool.decimal3(firstNanos / 1e6) + " [ms]");
            out().println("connect time: " + PerfTool.decimal3(connectNanos / 1e6) + " [ms]");
            printMemory(before, after, clients);

            // Wait for the server's go (every client process connected and sampled).
            dealers[0].send(("R" + clients + "/" + activeClients).getBytes(StandardCharsets.US_ASCII));
            byte[] go = dealers[0].receiveBytes();
            if (go.length != 1 || go[0] != GO) {
                return wrongReply(go, GO);
            }

            long total = (long) activeClients * requests;
            int[] sent = new int[clients];
            int[] replies = new int[clients];
            long received = 0;
            long t0 = System.nanoTime();
            long cpu0 = ProcessStats.cpuNanos();
            int initial = Math.min(window, requests);
            for (int i = 0; i < activeClients; i++) {
                for (int w = 0; w < initial; w++) {
                    dealers[i].send(request);
                }
                sent[i] = initial;
            }
            while (received < total) {
                poller.poll(POLL_TIMEOUT);
                for (Socket s : poller.readySockets()) {
                    int i = index.get(s);
                    byte[] reply;
                    // Not past a DEALER's last reply: the server's done may follow it on the first one.
                    while (replies[i] < requests && (reply = s.receiveBytes(Duration.ZERO)) != null) {
                        if (reply.length != size || reply[0] != REQUEST) {
                            return wrongReply(reply, REQUEST);
                        }
                        received++;
                        replies[i]++;
                        if (sent[i] < requests) {
                            s.send(request);
                            sent[i]++;
                        }
                    }
                }
            }
            long elapsed = System.nanoTime() - t0;
            long cpu = ProcessStats.cpuNanos();
            // Stay connected until every client process is done.
            byte[] done = dealers[0].receiveBytes();
            if (done.length != 1 || done[0] != DONE) {
                return wrongReply(done, DONE);
            }
            printThroughput(total, elapsed, cpu < 0 || cpu0 < 0 ? -1 : cpu - cpu0);
        }
        return 0;
    }

    private int wrongReply(byte[] reply, byte kind) {
        return fail("unexpected reply: " + reply.length + " bytes starting with " + (reply.length == 0 ? "nothing" : reply[0])
                + " (expected: kind " + (char) kind + ", " + (kind == GO || kind == DONE ? 1 : size) + " bytes)");
    }
}
