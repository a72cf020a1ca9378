package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import picocli.CommandLine.Command;

/**
 * {@code perf remote-thr}: connects a PUSH socket, sends {@code count} messages of
 * {@code message-size} bytes and closes, lingering (LINGER, 30 s by default) until every message
 * has left. It prints nothing, as libzmq's {@code remote_thr}.
 */
@Command(name = "remote-thr", mixinStandardHelpOptions = true,
        description = "Connect PUSH, send <count> messages, close once all are sent.")
final class RemoteThroughput extends PerfTool {
    @Override
    int run(Context context) {
        try (ZapResponder zap = security.startZap(context);
             Socket push = security.apply(context.socket(SocketType.PUSH))) {
            push.connect(endpoint);
            // send(byte[]) does not copy; sending the same, never modified, array is safe.
            byte[] message = new byte[messageSize];
            try (Progress.Watch progress = Progress.watch(err(), count, () -> push.statistics().messagesOut())) {
                for (int i = 0; i < count; i++) {
                    push.send(message);
                }
            }
        }
        return 0;
    }
}
