package dev.zmq4j.cli.demo;

import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo time-req}: asks {@link TimeRep} (or {@link TimeRepCluster}) for the time and
 * prints each answer with its round-trip time. The request is {@code {"pid": …}}; any request
 * will do.
 */
@Command(name = "time-req", mixinStandardHelpOptions = true,
        description = "Ask a time service for the time and print each answer.")
public final class TimeReq extends DemoProgram implements Callable<Integer> {
    @Option(names = "--connect", required = true, description = "time service's endpoint")
    String connect;

    @Option(names = "--count", defaultValue = "0", description = "requests to make, then stop; 0: until stopped")
    long count;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between requests (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Override
    public Integer call() {
        try (Context context = new Context(); Socket req = context.socket(SocketType.REQ)) {
            req.connect(connect);
            say("time-req: asking %s", connect);
            for (long i = 1; count == 0 || i <= count; i++) {
                long start = System.nanoTime();
                req.send(Json.object("pid", pid()));
                String answer = req.receiveString();
                say("answer in %d us: %s", (System.nanoTime() - start) / 1000, answer);
                if (i != count) {
                    Thread.sleep(interval.toMillis());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
