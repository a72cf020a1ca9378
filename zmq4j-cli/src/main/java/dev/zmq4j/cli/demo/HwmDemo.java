package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketStatistics;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo hwm}: the Perl talk's high-water marks. Every socket queues at most its HWM
 * messages per peer; then a PUSH <em>blocks</em> (back-pressure: the sender waits for a slow
 * worker) while a PUB <em>drops</em> (a slow subscriber must not slow the others). Both shown
 * with a reader that does not read, over inproc (no kernel buffers: the queues are the whole
 * story), in counts from {@link Socket#statistics()}.
 */
@Command(name = "hwm", mixinStandardHelpOptions = true,
        description = "At the high-water mark a PUSH blocks and a PUB drops.")
public final class HwmDemo extends DemoProgram implements Callable<Integer> {
    static final int HWM = 10;
    static final int PUBLISHED = 1000;
    private static final Duration BLOCKED = Duration.ofMillis(200);

    /** What the demo counted. */
    record Counts(int pushAccepted, long pushQueued, int published, long pubDropped, long subReceived) {
    }

    @Override
    public Integer call() {
        try (Context context = new Context()) {
            show(context, this::say);
            return 0;
        }
    }

    static Counts show(Context context, Narrator narrator) {
        int accepted;
        long queued;
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            pull.set(Option.RCVHWM, HWM);
            push.set(Option.SNDHWM, HWM);
            push.connect(pull.bind("inproc://hwm-push-" + System.nanoTime()));
            push.send("first");
            text(pull.receive(WAIT), "first message");   // the pipe is up; from now on nobody reads
            accepted = 0;
            while (push.send("job " + accepted, BLOCKED)) {
                accepted++;
            }
            queued = push.statistics().queuedOut();
            narrator.say("PUSH, SNDHWM=RCVHWM=%d, reader asleep: %d sends accepted, then send waited %d ms and gave up (%d queued in the sender)",
                    HWM, accepted, BLOCKED.toMillis(), queued);
            pull.set(Option.LINGER, Duration.ZERO);
            push.set(Option.LINGER, Duration.ZERO);
        }
        try (Socket sub = context.socket(SocketType.SUB); Socket pub = context.socket(SocketType.PUB)) {
            sub.set(Option.RCVHWM, HWM);
            sub.set(Option.SUBSCRIBE, new byte[0]);
            pub.set(Option.SNDHWM, HWM);
            sub.connect(pub.bind("inproc://hwm-pub-" + System.nanoTime()));
            awaitSubscription(pub, sub);
            SocketStatistics before = pub.statistics();
            for (int i = 0; i < PUBLISHED; i++) {
                pub.send("news " + i);
            }
            long received = 0;
            while (sub.receive(BLOCKED) != null) {
                received++;
            }
            SocketStatistics after = pub.statistics();
            long dropped = after.messagesDropped() - before.messagesDropped();
            narrator.say("PUB, SNDHWM=RCVHWM=%d, subscriber asleep: %d published, %d dropped by PUB; the subscriber then read %d",
                    HWM, PUBLISHED, dropped, received);
            return new Counts(accepted, queued, PUBLISHED, dropped, received);
        }
    }

    /** Publishes probes until the subscriber gets one (its subscription has reached the PUB). */
    static void awaitSubscription(Socket pub, Socket sub) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        do {
            pub.send("probe");
            if (sub.receive(Duration.ofMillis(20)) != null) {
                while (sub.receive(Duration.ofMillis(20)) != null) {
                    // drain the probes still on the way
                }
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no subscription within " + WAIT.toSeconds() + " s");
    }
}
