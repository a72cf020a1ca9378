package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import picocli.CommandLine.Command;

/**
 * {@code perf handshake-srv}: binds a REP socket and answers {@code count} requests, each from a
 * new connection of {@code handshake-cli}, with the request itself. It prints nothing, as
 * {@code local-lat}; the measuring side is {@code handshake-cli}. The last reply is flushed by
 * LINGER before the socket closes.
 */
@Command(name = "handshake-srv", mixinStandardHelpOptions = true,
        description = "Bind REP, answer <count> requests (one per handshake-cli connection).")
final class HandshakeServer extends HandshakeTool {
    @Override
    int run(Context context) {
        try (ZapResponder zap = security.startZap(context);
             Socket rep = security.apply(context.socket(SocketType.REP))) {
            boundListener.accept(rep.bind(endpoint));
            for (int i = 0; i < count; i++) {
                rep.send(rep.receiveBytes());
            }
        }
        return 0;
    }
}
