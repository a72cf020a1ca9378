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
            for (int i = 0; i < count; i++) {
                byte[] m = rep.receiveBytes();
                if (m.length != messageSize) {
                    return wrongSize(m.length);
                }
                rep.send(m);
            }
        }
        return 0;
    }
}
