package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo work-pull}: a worker of {@link WorkPush}'s queue. A PULL socket connects,
 * takes jobs and prints each, then how many it received.
 */
@Command(name = "work-pull", mixinStandardHelpOptions = true,
        description = "Take jobs from a PUSH socket and count them.")
public final class WorkPull extends DemoProgram implements Callable<Integer> {
    @Option(names = "--connect", required = true, description = "pusher's endpoint")
    String connect;

    @Option(names = "--count", defaultValue = "0", description = "jobs to take, then stop; 0: until stopped")
    long count;

    @Override
    public Integer call() {
        long received = 0;
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            pull.connect(connect);
            say("work-pull: taking jobs from %s", connect);
            while (count == 0 || received < count) {
                String job = pull.receiveString();
                received++;
                say("job %s (%d received)", Json.parse(job).get("job"), received);
            }
            say("received %d jobs", received);
            return 0;
        }
    }
}
