package dev.zmq4j.cli.socket;

import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Proxy;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j proxy queue|forwarder|streamer FRONTEND BACKEND [--capture EP]}: libzmq's
 * {@code zmq_proxy} devices over {@link Proxy}, binding both endpoints and running until Ctrl-C.
 *
 * <pre>
 *   queue      ROUTER frontend  &lt;-&gt;  DEALER backend   (clients connect REQ/DEALER, workers REP/DEALER)
 *   forwarder  XSUB frontend    &lt;-&gt;  XPUB backend     (publishers connect PUB, subscribers SUB)
 *   streamer   PULL frontend     --&gt;  PUSH backend     (producers connect PUSH, consumers PULL)
 * </pre>
 *
 * <p>{@code --capture EP} binds a PUB socket there that gets a copy of every message (a PUB drops
 * what no subscriber takes, so the capture never slows the proxy). Endpoints chosen by the system
 * ({@code tcp://127.0.0.1:*}) are reported on standard error as {@code frontend <endpoint>},
 * {@code backend <endpoint>} and {@code capture <endpoint>}. Exit status: 3 if an endpoint cannot
 * be bound, 130 after Ctrl-C, 2 on a usage error.
 *
 * <p>Not thread-safe: picocli runs it on one thread; {@link #stop()} may be called from any.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Run a zmq_proxy device: queue (ROUTER/DEALER), forwarder (XSUB/XPUB) or streamer (PULL/PUSH), binding FRONTEND and BACKEND.")
public final class ProxyCommand implements Callable<Integer> {
    /** The devices and their socket types. */
    enum Device {
        QUEUE(SocketType.ROUTER, SocketType.DEALER),
        FORWARDER(SocketType.XSUB, SocketType.XPUB),
        STREAMER(SocketType.PULL, SocketType.PUSH);

        final SocketType frontend;
        final SocketType backend;

        Device(SocketType frontend, SocketType backend) {
            this.frontend = frontend;
            this.backend = backend;
        }
    }

    /** Reads DEVICE in lower case (or any case). */
    static final class DeviceConverter implements picocli.CommandLine.ITypeConverter<Device> {
        @Override
        public Device convert(String value) {
            try {
                return Device.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' (expected: queue, forwarder or streamer)");
            }
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DEVICE", converter = DeviceConverter.class, description = "queue, forwarder or streamer")
    Device device;

    @Parameters(index = "1", paramLabel = "FRONTEND", description = "the endpoint to bind the frontend to")
    String frontendEndpoint;

    @Parameters(index = "2", paramLabel = "BACKEND", description = "the endpoint to bind the backend to")
    String backendEndpoint;

    @picocli.CommandLine.Option(names = "--capture", paramLabel = "EP", description = "bind a PUB socket to EP that gets a copy of every message")
    String captureEndpoint;

    @picocli.CommandLine.Option(names = "--linger", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "ZMQ_LINGER of the proxy's sockets when it stops (default: ${DEFAULT-VALUE})")
    Duration linger;

    /** Told {@code "frontend <ep>"}, {@code "backend <ep>"}, {@code "capture <ep>"} once bound (tests bind to port 0). */
    Consumer<String> boundListener = ep -> { };

    private volatile Context running;
    private volatile boolean stopped;

    /** Stops a running proxy, as Ctrl-C does (the command then returns 130). */
    void stop() {
        stopped = true;
        Context c = running;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (Context context = new Context(); Interruption interruption = Interruption.install(context)) {
            running = context;
            if (stopped) {
                return ExitStatus.INTERRUPTED;
            }
            try {
                Socket frontend = bind(context, device.frontend, "frontend", frontendEndpoint, err);
                Socket backend = frontend == null ? null : bind(context, device.backend, "backend", backendEndpoint, err);
                Socket capture = backend == null || captureEndpoint == null ? null
                        : bind(context, SocketType.PUB, "capture", captureEndpoint, err);
                if (frontend == null || backend == null || (captureEndpoint != null && capture == null)) {
                    return ExitStatus.ENDPOINT_FAILED;
                }
                Proxy.run(frontend, backend, capture);
            } catch (ZmqException.ContextClosedException | ZmqException.SocketClosedException | ZmqException.InterruptedException e) {
                if (!interruption.happened() && !stopped) {
                    throw e;
                }
            }
            return ExitStatus.INTERRUPTED;
        }
    }

    private Socket bind(Context context, SocketType type, String role, String endpoint, PrintWriter err) {
        Socket s = context.socket(type);
        s.set(Option.LINGER, linger);
        EndpointFlags flags = new EndpointFlags();
        flags.binds.add(endpoint);
        boolean ok = flags.attach(s, "zmq4j proxy " + role, err, ep -> boundListener.accept(role + " " + ep));
        if (!ok) {
            s.set(Option.LINGER, Duration.ZERO);
            s.close();
            return null;
        }
        return s;
    }
}
