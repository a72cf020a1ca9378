package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.ZmqException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the perf tools over an endpoint share: the {@code <endpoint> <message-size> <count>}
 * arguments, their validation, the security options ({@link SecurityOptions}), and libzmq's output
 * format. Output goes to the command line's writer so that tests
 * can capture it.
 */
abstract class PerfTool implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** CURVE or PLAIN, as {@code --curve-*}/{@code --plain-*} say; NULL without them. */
    @Mixin
    SecurityOptions security;

    @Parameters(index = "0", paramLabel = "<endpoint>", description = "e.g. tcp://127.0.0.1:5555 or ipc:///tmp/perf.sock (local-* bind it, remote-* connect to it)")
    String endpoint;

    @Parameters(index = "1", paramLabel = "<message-size>", description = "bytes per message")
    int messageSize;

    @Parameters(index = "2", paramLabel = "<count>", description = "messages (thr) or round trips (lat)")
    int count;

    /** Told the actual endpoint once a local tool has bound (tests bind to port 0 and need it). */
    Consumer<String> boundListener = ep -> { };

    @Override
    public final Integer call() {
        if (messageSize < 0) {
            throw new ParameterException(spec.commandLine(), "message-size: " + messageSize + " (expected: >= 0)");
        }
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "count: " + count + " (expected: >= 1)");
        }
        security.check();
        // One context for the warm-up and the timed run: the run uses the I/O thread, and the code
        // compiled for it, that the warm-up exercised (see Warmup).
        try (Context context = Warmup.warmedUp(endpoint, messageSize,
                latency() ? Warmup.Kind.ROUND_TRIPS : Warmup.Kind.STREAM, security.mechanism(), spec.commandLine().getErr())) {
            return run(context);
        } catch (ZmqException.AddressInUseException | ZmqException.BindFailedException | IllegalArgumentException e) {
            // One line naming the endpoint and the cause, as the socket commands report it (exit 3).
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.name() + ": " + endpoint + ": " + e.getMessage());
            err.flush();
            return 3;
        }
    }

    /** Runs the tool with its sockets in {@code context}; returns the exit status. */
    abstract int run(Context context);

    /** Whether the tool measures REQ/REP round trips (its warm-up does the same); else a stream. */
    boolean latency() {
        return false;
    }

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Reports a message of the wrong size and returns the failing exit status. */
    final int wrongSize(int actual) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("message of incorrect size received: " + actual + " (expected: " + messageSize + ")");
        err.flush();
        return 1;
    }

    /** libzmq's {@code %.3f}: three decimals and a dot whatever the default locale. */
    static String decimal3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
