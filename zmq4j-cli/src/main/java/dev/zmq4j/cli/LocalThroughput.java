package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code perf local-thr}: binds a PULL socket, receives {@code count} messages and prints the
 * throughput. As in libzmq's {@code local_thr} the clock starts when the first message arrives, so
 * connection set-up is not measured, and all {@code count} messages are counted over that time.
 */
@Command(name = "local-thr", mixinStandardHelpOptions = true,
        description = "Bind PULL, receive <count> messages, print the throughput.")
final class LocalThroughput extends PerfTool {
    @Override
    int run(Context context) {
        try (ZapResponder zap = security.startZap(context);
             Socket pull = security.apply(context.socket(SocketType.PULL))) {
            boundListener.accept(pull.bind(endpoint));
            byte[] m = pull.receiveBytes();
            if (m.length != messageSize) {
                return wrongSize(m.length);
            }
            long start = System.nanoTime();
            try (Progress.Watch progress = Progress.watch(err(), count, () -> pull.statistics().messagesIn())) {
                for (int i = 1; i < count; i++) {
                    m = pull.receiveBytes();
                    if (m.length != messageSize) {
                        return wrongSize(m.length);
                    }
                }
            }
            long elapsedNanos = Math.max(1, System.nanoTime() - start);
            report(out(), messageSize, count, elapsedNanos);
            return 0;
        }
    }

    /** Prints libzmq's four lines; throughput is truncated to whole messages per second as libzmq does. */
    static void report(PrintWriter out, int messageSize, long count, long elapsedNanos) {
        long throughput = (long) (count * 1e9 / elapsedNanos);
        double megabits = throughput * (double) messageSize * 8 / 1e6;
        out.println("message size: " + messageSize + " [B]");
        out.println("message count: " + count);
        out.println("mean throughput: " + throughput + " [msg/s]");
        out.println("mean throughput: " + decimal3(megabits) + " [Mb/s]");
        out.flush();
    }
}
