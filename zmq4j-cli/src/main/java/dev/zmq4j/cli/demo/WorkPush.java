package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Monitor;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.cli.Progress;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo work-push}: the Node.js talk's work queue. A PUSH socket binds and sends N
 * jobs {@code {"job": i}}, round-robin over the PULL workers connected at each send. With no
 * worker yet, the first send waits for one; closing waits (LINGER) until the jobs are out.
 * {@code --wait-for W} is the first-joiner fix on the pusher's side: no job leaves before W
 * workers have connected (a handshake each, seen on the socket's monitor).
 */
@Command(name = "work-push", mixinStandardHelpOptions = true,
        description = "Send N jobs {\"job\": i} on a PUSH socket.")
public final class WorkPush extends DemoProgram implements Callable<Integer> {
    @Option(names = "--bind", required = true, description = "endpoint to bind, e.g. tcp://*:5557")
    String bind;

    @Option(names = "--count", required = true, description = "jobs to send")
    int count;

    @Option(names = "--wait-for", defaultValue = "0", description = "workers to wait for before the first job (the first-joiner fix)")
    int waitFor;

    @Override
    public Integer call() {
        try (Context context = new Context(); Socket push = context.socket(SocketType.PUSH);
             Monitor handshakes = push.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED))) {
            String endpoint = bound(push.bind(bind));
            say("work-push: %d jobs on %s", count, endpoint);
            for (int ready = 0; ready < waitFor; ready++) {
                SocketEvent worker = handshakes.next();
                say("worker %d of %d connected from %s", ready + 1, waitFor, worker.remoteAddress());
            }
            try (Progress.Watch progress = Progress.watch(spec.commandLine().getErr(), count, () -> push.statistics().messagesOut())) {
                for (int i = 1; i <= count; i++) {
                    push.send(Json.object("job", i));
                }
            }
            say("sent %d jobs", count);
            return 0;
        }
    }
}
