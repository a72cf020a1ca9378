package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code perf inproc-thr}: libzmq's {@code inproc_thr} in one process: a PULL bound to an inproc
 * name receives {@code count} messages that a PUSH in a second thread sends, and the throughput is
 * printed in {@code local-thr}'s four lines (the clock starts at the first message).
 */
@Command(name = "inproc-thr", mixinStandardHelpOptions = true,
        description = "PUSH -> PULL over inproc:// in one process, print the throughput.")
final class InprocThroughput implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<message-size>", description = "bytes per message")
    int messageSize;

    @Parameters(index = "1", paramLabel = "<count>", description = "messages")
    int count;

    @Override
    public Integer call() throws Exception {
        InprocLatency.check(spec, messageSize, count);
        try (Context context = Warmup.warmedUp("inproc://", messageSize, false, spec.commandLine().getErr());
             Socket pull = context.socket(SocketType.PULL)) {
            String endpoint = pull.bind("inproc://thr_test");
            Thread sender = new Thread(() -> {
                try (Socket push = context.socket(SocketType.PUSH)) {
                    push.connect(endpoint);
                    byte[] message = new byte[messageSize];
                    for (int i = 0; i < count; i++) {
                        push.send(message);
                    }
                }
            }, "inproc-thr-sender");
            sender.start();
            byte[] m = pull.receiveBytes();
            long start = System.nanoTime();
            for (int i = 1; i < count; i++) {
                m = pull.receiveBytes();
            }
            long elapsedNanos = Math.max(1, System.nanoTime() - start);
            sender.join();
            if (m.length != messageSize) {
                spec.commandLine().getErr().println("message of incorrect size received: " + m.length
                        + " (expected: " + messageSize + ")");
                return 1;
            }
            LocalThroughput.report(spec.commandLine().getOut(), messageSize, count, elapsedNanos);
            return 0;
        }
    }
}
