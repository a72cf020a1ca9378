package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo time-rep}: the Node.js talk's time service. A REP socket binds and answers
 * any request with {@code {"pid": …, "timestamp": …}}. REP keeps the lock-step for us: one
 * answer per request, sent back to whoever asked.
 */
@Command(name = "time-rep", mixinStandardHelpOptions = true,
        description = "Answer every request with {\"pid\", \"timestamp\"} on a REP socket.")
public final class TimeRep extends DemoProgram implements Callable<Integer> {
    @Option(names = "--bind", required = true, description = "endpoint to bind, e.g. tcp://*:5556")
    String bind;

    @Option(names = "--count", defaultValue = "0", description = "requests to answer, then stop; 0: until stopped")
    long count;

    @Override
    public Integer call() {
        try (Context context = new Context(); Socket rep = context.socket(SocketType.REP)) {
            String endpoint = bound(rep.bind(bind));
            say("time-rep: answering on %s", endpoint);
            for (long i = 1; count == 0 || i <= count; i++) {
                String request = rep.receiveString();
                String answer = Json.object("pid", pid(), "timestamp", System.currentTimeMillis());
                rep.send(answer);
                say("request %s answered %s", request, answer);
            }
            return 0;
        }
    }
}
