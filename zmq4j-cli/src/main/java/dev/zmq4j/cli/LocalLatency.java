package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import picocli.CommandLine.Command;

/**
 * {@code perf local-lat}: binds a REP socket and echoes {@code count} requests back. It prints
 * nothing, as libzmq's {@code local_lat}; the measuring side is {@code remote-lat}.
 */
@Command(name = "local-lat", mixinStandardHelpOptions = true,
        description = "Bind REP, echo <roundtrips> messages.")
final class LocalLatency extends PerfTool {
    @Override
    boolean latency() {
        return true;
    }

    @Override
    int run(Context context) {
        try (ZapResponder zap = security.startZap(context);
             Socket rep = security.apply(context.socket(SocketType.REP))) {
            boundListener.accept(rep.bind(endpoint));
            int wrong = RoundTripLoops.echo(rep, messageSize, count);
            if (wrong >= 0) {
                return wrongSize(wrong);
            }
        }
        return 0;
    }
}
