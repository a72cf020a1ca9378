package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.ZmqException;
import dev.zmq4j.cli.socket.ExitStatus;
import dev.zmq4j.patterns.mdp.BrokerListener;
import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.patterns.mdp.MajordomoBroker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j broker ENDPOINT [--verbose] [--heartbeat DURATION] [--liveness N] [--max-services N]
 * [--max-queued N] [--max-queued-bytes BYTES] [--max-message-size BYTES]}: a Majordomo broker
 * (RFC 7, MDP/0.1, with MMI) bound to ENDPOINT, clients and workers on the same socket, running
 * until Ctrl-C ({@link MajordomoBroker}). The limits bound what clients can make the broker hold:
 * the services they may name ({@link MajordomoBroker#maxServices(int)}), the requests and the
 * bytes one service's queue may hold ({@link MajordomoBroker#maxQueuedRequests(int)},
 * {@link MajordomoBroker#maxQueuedBytes(long)}); a request beyond any is dropped. A frame larger
 * than {@code --max-message-size} ({@link MajordomoBroker#maxMessageSize(long)}; default: no
 * limit) closes the connection of the peer that sent it. With {@code --primary|--backup --state-bind EP
 * --state-peer EP} it is one of a Binary Star pair ({@link BinaryStarOptions}).
 *
 * <p>The endpoint bound is reported on standard error as {@code broker <endpoint>} (useful with
 * {@code tcp://127.0.0.1:*}). {@code --verbose} prints one line per request, dispatch, reply and
 * worker event, and each request dropped at a limit, on standard output. Exit status: 3 if the endpoint cannot be bound, 130 after
 * Ctrl-C, 2 on a usage error.
 *
 * <p>Not thread-safe: picocli runs it on one thread; {@link #stop()} may be called from any.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a Majordomo (MDP/0.1) broker on ENDPOINT until Ctrl-C: clients (MDPC01) and workers (MDPW01) connect to it.")
public final class BrokerCommand implements Callable<Integer> {
    private static final Duration STOP_WAIT = Duration.ofSeconds(8);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "the endpoint to bind, e.g. tcp://*:5555")
    String endpoint;

    @Option(names = {"-v", "--verbose"}, description = "print each request, reply, drop and worker event")
    boolean verbose;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2500ms",
            description = "heartbeat interval agreed with the workers (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    @Option(names = "--liveness", paramLabel = "N", defaultValue = "3",
            description = "heartbeats missed before a worker is taken for dead (default: ${DEFAULT-VALUE})")
    int liveness;

    @Option(names = "--max-services", paramLabel = "N", defaultValue = "" + MajordomoBroker.DEFAULT_MAX_SERVICES,
            description = "the most services clients may make the broker know; a request naming another is dropped"
                    + " (default: ${DEFAULT-VALUE})")
    int maxServices;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "" + MajordomoBroker.DEFAULT_MAX_QUEUED_REQUESTS,
            description = "the most requests one service's queue may hold while no worker of it is idle; newer ones"
                    + " are dropped (default: ${DEFAULT-VALUE})")
    int maxQueued;

    @Option(names = "--max-queued-bytes", paramLabel = "BYTES", defaultValue = "" + MajordomoBroker.DEFAULT_MAX_QUEUED_BYTES,
            description = "the most bytes of requests one service's queue may hold while no worker of it is idle;"
                    + " a request taking it over is dropped (default: ${DEFAULT-VALUE})")
    long maxQueuedBytes;

    @Option(names = "--max-message-size", paramLabel = "BYTES",
            description = "the largest frame the broker receives; a peer sending a larger one is disconnected"
                    + " (default: no limit)")
    Long maxMessageSize;

    @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "%nBinary Star (a primary and a backup broker):%n")
    BinaryStarOptions pair;

    /** Told the endpoint bound (tests bind to port 0). */
    Consumer<String> boundListener = ep -> { };

    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean interrupted;

    /** Stops a running broker, as Ctrl-C does (the command then returns 130). */
    void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() {
        if (heartbeat.isNegative() || heartbeat.isZero() || liveness < 1) {
            throw new ParameterException(spec.commandLine(), "--heartbeat " + heartbeat + ", --liveness " + liveness
                    + " (expected: a positive duration and >= 1)");
        }
        requirePositive("--max-services", maxServices);
        requirePositive("--max-queued", maxQueued);
        requirePositive("--max-queued-bytes", maxQueuedBytes);
        if (maxMessageSize != null) {
            requirePositive("--max-message-size", maxMessageSize);
        }
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(() -> {
            interrupted = true;
            stop.countDown();
            awaitQuietly(finished, STOP_WAIT);
        }, "zmq4j-broker-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Context context = new Context(); MajordomoBroker broker = new MajordomoBroker(context, new Heartbeat(heartbeat, liveness))) {
            if (maxMessageSize != null) {
                broker.maxMessageSize(maxMessageSize);
            }
            String bound;
            try {
                bound = broker.bind(endpoint);
            } catch (ZmqException | IllegalArgumentException e) {
                err.println("zmq4j broker: cannot bind " + endpoint + ": " + e.getMessage());
                err.flush();
                return ExitStatus.ENDPOINT_FAILED;
            }
            broker.maxServices(maxServices);
            broker.maxQueuedRequests(maxQueued);
            broker.maxQueuedBytes(maxQueuedBytes);
            if (verbose) {
                broker.listener(new VerboseLog(spec.commandLine().getOut()));
            }
            BinaryStarOptions.Running star = null;
            if (pair != null) {
                try {
                    star = pair.start(context, broker, err);
                } catch (ZmqException | IllegalArgumentException e) {
                    err.println("zmq4j broker: cannot bind the Binary Star state endpoint " + pair.stateBind + ": " + e.getMessage());
                    err.flush();
                    return ExitStatus.ENDPOINT_FAILED;
                }
            }
            try {
                broker.start();
                err.println("broker " + bound + (pair == null ? "" : " (binary star " + star.star().role().name().toLowerCase(Locale.ROOT)
                        + ", state " + star.star().localEndpoint() + ", peer " + pair.statePeer + ")"));
                err.flush();
                boundListener.accept(bound);
                awaitQuietly(stop, null);
                return ExitStatus.INTERRUPTED;
            } finally {
                if (star != null) {
                    star.close();
                }
            }
        } finally {
            finished.countDown();
            if (!interrupted) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs: nothing to remove.
                }
            }
        }
    }

    private void requirePositive(String option, long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + ": " + value + " (expected: >= 1)");
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            if (timeout == null) {
                latch.await();
            } else {
                latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --verbose}: one line per broker event, routing ids in hex. Runs on the broker's thread. */
    static final class VerboseLog implements BrokerListener {
        private final PrintWriter out;

        VerboseLog(PrintWriter out) {
            this.out = out;
        }

        private void line(String format, Object... args) {
            out.println(String.format(Locale.ROOT, format, args));
            out.flush();
        }

        @Override
        public void requestReceived(Frame client, String service, Message body) {
            line("request   client %s  service %s  %d frame(s), %d bytes", hex(client), service, body.size(), body.byteSize());
        }

        @Override
        public void requestRefused(Frame client, String service) {
            line("refused   client %s  service %s", hex(client), service);
        }

        @Override
        public void requestDispatched(Frame client, String service, Frame worker) {
            line("dispatch  client %s  service %s  to worker %s", hex(client), service, hex(worker));
        }

        @Override
        public void replySent(Frame client, String service, Message body) {
            line("reply     client %s  service %s  %d frame(s), %d bytes", hex(client), service, body.size(), body.byteSize());
        }

        @Override
        public void workerReady(Frame worker, String service) {
            line("ready     worker %s  service %s", hex(worker), service);
        }

        @Override
        public void workerGone(Frame worker, String service, String why) {
            line("gone      worker %s  service %s  (%s)", hex(worker), service, why);
        }

        @Override
        public void requestRequeued(Frame client, String service) {
            line("requeue   client %s  service %s", hex(client), service);
        }

        @Override
        public void requestDropped(Frame client, String service, String why) {
            line("dropped   client %s  service %s  (%s)", hex(client), service, why);
        }

        @Override
        public void requestExpired(Frame client, String service) {
            line("expired   client %s  service %s  (no worker in time)", hex(client), service);
        }

        private static String hex(Frame frame) {
            StringBuilder sb = new StringBuilder();
            for (byte b : frame.toByteArray()) {
                sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
            }
            return sb.toString();
        }
    }
}
