package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;

/**
 * {@code perf handshake-cli}: {@code count} times opens a REQ socket, connects it to
 * {@code handshake-srv}, sends one {@value #REQUEST_SIZE}-byte request, receives the reply and
 * closes the socket (LINGER 0: the reply came, nothing is left to send). Prints the count, the
 * handshakes per second and the mean time of one cycle (socket to close, in µs), timed over all
 * cycles in one context. A cycle whose reply does not come within {@value #REPLY_TIMEOUT_SECONDS} s
 * fails the run (a refused handshake looks like that from here).
 */
@Command(name = "handshake-cli", mixinStandardHelpOptions = true,
        description = "<count> times: new REQ, connect, send, receive the reply, close; print handshakes/s.")
final class HandshakeClient extends HandshakeTool {
    /** The size of the request (and reply) of each handshake. */
    static final int REQUEST_SIZE = 16;
    static final int REPLY_TIMEOUT_SECONDS = 10;

    @Override
    int run(Context context) {
        byte[] request = new byte[REQUEST_SIZE];
        Duration patience = Duration.ofSeconds(REPLY_TIMEOUT_SECONDS);
        long elapsedNanos;
        try (ZapResponder zap = security.startZap(context)) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                try (Socket req = security.apply(context.socket(SocketType.REQ))) {
                    req.set(Option.LINGER, Duration.ZERO);
                    req.connect(endpoint);
                    req.send(request);
                    byte[] reply = req.receiveBytes(patience);
                    if (reply == null || reply.length != REQUEST_SIZE) {
                        PrintWriter err = err();
                        err.println("handshake " + i + ": " + (reply == null ? "no reply within " + patience
                                + " (refused by the server?)" : "reply of " + reply.length + " bytes (expected: " + REQUEST_SIZE + ")"));
                        err.flush();
                        return 1;
                    }
                }
            }
            elapsedNanos = Math.max(1, System.nanoTime() - start);
        }
        report(out(), count, elapsedNanos);
        return 0;
    }

    /** Prints the three lines, also printed by zperf's handshake-cli. */
    static void report(PrintWriter out, long count, long elapsedNanos) {
        out.println("handshake count: " + count);
        out.println("handshake rate: " + (long) (count * 1e9 / elapsedNanos) + " [handshakes/s]");
        out.println("mean handshake: " + PerfTool.decimal3(elapsedNanos / 1e3 / count) + " [us]");
        out.flush();
    }
}
