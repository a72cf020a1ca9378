package dev.zmq4j.cli.socket;

import dev.zmq4j.cli.Progress;
import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.cli.SecurityOptions;
import dev.zmq4j.cli.ZapResponder;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A socket command ({@code zmq4j push}, {@code zmq4j sub}, ...): one socket of its type, its
 * options from flags ({@link SocketOptionFlags}, {@link SecurityOptions}), bound and connected
 * ({@link EndpointFlags}), then messages between it and standard input and output as its
 * {@link Role} says ({@link Exchange}). The subclasses in {@link SocketCommands} only name the type.
 *
 * <p>Lines: an input line is a message, split into frames at {@code --frame-separator} (a tab by
 * default) and read as {@code --input-format} says; {@code --stdin-raw} sends all the input as
 * one frame instead. A received message is printed as one line in {@code --format}, frames joined
 * by the same separator. A ROUTER prints the sender's routing id as the first frame and takes the
 * first frame of an input line as the routing id of the peer to send to (ROUTER_MANDATORY is set,
 * so an unknown id is reported on standard error).
 *
 * <p>Exit statuses: {@link ExitStatus}. Errors are one line on standard error naming the
 * endpoint or the input and the cause.
 *
 * <p>Not thread-safe: picocli runs it on one thread.
 */
abstract class SocketCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EndpointFlags endpoints;

    @Mixin
    SocketOptionFlags options;

    @Mixin
    SecurityOptions security;

    @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.Converter.class,
            description = "how received messages are printed: text, json, hex or base64 (default: ${DEFAULT-VALUE})")
    Format format;

    @picocli.CommandLine.Option(names = "--input-format", paramLabel = "FORMAT", defaultValue = "text", converter = Format.Converter.class,
            description = "how the frames of input lines are written: text, hex or base64 (default: ${DEFAULT-VALUE})")
    Format inputFormat;

    @picocli.CommandLine.Option(names = "--frame-separator", paramLabel = "SEP", defaultValue = "\t",
            description = "splits input lines into frames and joins printed frames (default: a tab; '' for none)")
    String separator;

    @picocli.CommandLine.Option(names = "--stdin-raw", description = "send all of standard input as one single-frame message")
    boolean stdinRaw;

    @picocli.CommandLine.Option(names = "--count", paramLabel = "N", description = "stop after printing N messages")
    long count;

    @picocli.CommandLine.Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "stop when nothing arrives for DURATION, e.g. 500ms, 5s (status 1 if --count was not reached)")
    Duration timeout;


    /** Standard input; tests replace it. */
    InputStream input = System.in;

    /** Told each actual bound endpoint (tests bind to port 0 and need it). */
    Consumer<String> boundListener = ep -> { };

    private final SocketType type;

    /** The --subscribe prefixes; only sub and xsub have the flag. */
    List<String> subscriptions() {
        return List.of();
    }

    /** The --wait-subscribers count, 0 without it; only pub has the flag. */
    int waitSubscribers() {
        return 0;
    }

    /** Whether --echo was given; only rep has the flag. */
    boolean echo() {
        return false;
    }

    SocketCommand(SocketType type) {
        this.type = type;
    }

    @Override
    public final Integer call() {
        Role role = Role.of(type);
        check(role);
        security.check();
        String name = "zmq4j " + spec.name();
        PrintWriter err = spec.commandLine().getErr();
        try (Context context = new Context(); ZapResponder zap = security.startZap(context);
             Interruption interruption = Interruption.install(context)) {
            try {
                Socket socket = context.socket(waitSubscribers() > 0 ? SocketType.XPUB : type);
                configure(socket);
                if (!endpoints.attach(socket, name, err, boundListener)) {
                    socket.set(Option.LINGER, Duration.ZERO);
                    return ExitStatus.ENDPOINT_FAILED;
                }
                subscribeXsub(socket);
                if (!awaitSubscribers(socket, err, name)) {
                    socket.set(Option.LINGER, Duration.ZERO);
                    return interruption.happened() ? ExitStatus.INTERRUPTED : ExitStatus.TIMED_OUT;
                }
                MessageReader reader = new MessageReader(input, separator, inputFormat, stdinRaw);
                Printer printer = new Printer(spec.commandLine().getOut(), format, separator);
                boolean showsProgress = role == Role.SEND || (role == Role.RECEIVE && count > 0);
                Progress progress = showsProgress ? Progress.onTerminal(err, count) : Progress.NONE;
                int status = new Exchange(socket, reader, printer, err, name, count, timeout).progress(progress).run(role, echo());
                socket.close();
                return interruption.happened() ? ExitStatus.INTERRUPTED : status;
            } catch (ZmqException.ContextClosedException | ZmqException.SocketClosedException | ZmqException.InterruptedException e) {
                if (interruption.happened()) {
                    return ExitStatus.INTERRUPTED;
                }
                throw e;
            }
        }
    }

    private void check(Role role) {
        if (!endpoints.any()) {
            throw usage("no endpoint (expected: at least one --bind EP or --connect EP)");
        }
        if (waitSubscribers() < 0) {
            throw usage("--wait-subscribers: " + waitSubscribers() + " (expected: >= 1)");
        }
        if (!role.receives() && (count != 0 || (timeout != null && waitSubscribers() == 0))) {
            throw usage("--count/--timeout on " + spec.name() + " (expected: on a command that receives)");
        }
        if (count < 0) {
            throw usage("--count: " + count + " (expected: >= 1)");
        }
        if (timeout != null && timeout.isNegative()) {
            throw usage("--timeout: " + timeout + " (expected: >= 0)");
        }
        if (inputFormat == Format.JSON) {
            throw usage("--input-format: json (expected: text, hex or base64)");
        }
    }

    private void configure(Socket socket) {
        try {
            options.apply(socket);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        security.apply(socket);
        if (type == SocketType.SUB) {
            if (subscriptions().isEmpty()) {
                socket.set(Option.SUBSCRIBE, new byte[0]);
            }
            for (String prefix : subscriptions()) {
                socket.set(Option.SUBSCRIBE, prefix.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (waitSubscribers() > 0) {
            socket.set(Option.XPUB_VERBOSE, true);
        }
        if (type == SocketType.ROUTER) {
            socket.set(Option.ROUTER_MANDATORY, true);
        }
    }

    /**
     * For {@code --wait-subscribers N}: the socket is an XPUB with XPUB_VERBOSE (a PUB that shows
     * the subscriptions it gets, each one, even repeated), so a subscription is a message to read;
     * waits until N have arrived, at most --timeout. Unsubscriptions are not counted back.
     */
    private boolean awaitSubscribers(Socket socket, PrintWriter err, String name) {
        long deadlineNanos = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        for (int seen = 0; seen < waitSubscribers(); ) {
            long leftNanos = deadlineNanos - System.nanoTime();
            dev.zmq4j.Message m = timeout == null ? socket.receive()
                    : leftNanos <= 0 ? null : socket.receive(Duration.ofNanos(leftNanos));
            if (m == null) {
                err.println(name + ": " + seen + " of " + waitSubscribers() + " subscriptions within " + timeout);
                err.flush();
                return false;
            }
            byte[] first = m.first().toByteArray();
            if (first.length > 0 && first[0] == 1) {
                seen++;
            }
        }
        return true;
    }

    /** An XSUB subscribes by sending {@code 0x01 prefix} messages (none without --subscribe). */
    private void subscribeXsub(Socket socket) {
        if (type != SocketType.XSUB) {
            return;
        }
        for (String prefix : subscriptions()) {
            byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
            byte[] s = new byte[p.length + 1];
            s[0] = 1;
            System.arraycopy(p, 0, s, 1, p.length);
            socket.send(s);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
