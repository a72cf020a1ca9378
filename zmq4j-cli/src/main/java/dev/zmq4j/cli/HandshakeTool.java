package dev.zmq4j.cli;

import dev.zmq4j.Context;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the handshake-rate tools ({@code handshake-srv}, {@code handshake-cli}) share: the
 * {@code <endpoint> <count>} arguments, the security options, and the warm-up (new REQ sockets
 * against a REP in-process, with the same mechanism). The pair measures how fast connections are
 * set up, which with CURVE is mostly the handshake's cryptography: each of {@code count} times the
 * client opens a REQ socket, connects, sends one {@value HandshakeClient#REQUEST_SIZE}-byte request,
 * receives the reply and closes the socket; the server's REP answers each request.
 */
abstract class HandshakeTool implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** CURVE or PLAIN, as {@code --curve-*}/{@code --plain-*} say; NULL without them. */
    @Mixin
    SecurityOptions security;

    @Parameters(index = "0", paramLabel = "<endpoint>", description = "e.g. tcp://127.0.0.1:5555 (handshake-srv binds it, handshake-cli connects)")
    String endpoint;

    @Parameters(index = "1", paramLabel = "<count>", description = "handshakes (one request and reply each)")
    int count;

    /** Told the actual endpoint once the server has bound (tests bind to port 0 and need it). */
    Consumer<String> boundListener = ep -> { };

    @Override
    public final Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "count: " + count + " (expected: >= 1)");
        }
        security.check();
        try (Context context = Warmup.warmedUp(endpoint, HandshakeClient.REQUEST_SIZE, Warmup.Kind.HANDSHAKES,
                security.mechanism(), err())) {
            return run(context);
        }
    }

    /** Runs the tool with its sockets in {@code context} (the warm-up's); returns the exit status. */
    abstract int run(Context context);

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
