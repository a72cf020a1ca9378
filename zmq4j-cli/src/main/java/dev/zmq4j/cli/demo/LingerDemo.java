package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo linger}: the Perl talk's "always clean up". A PUSH connects to a port where
 * nobody listens yet, queues a few messages and is closed; LINGER decides what happens to them.
 * LINGER=0 drops them at once; a bounded LINGER waits that long, then drops them; the default
 * (30 s in zmq4j; libzmq waits forever) waits until they are delivered, here to a PULL that binds
 * just after the close began.
 */
@Command(name = "linger", mixinStandardHelpOptions = true,
        description = "What LINGER=0, a bounded LINGER and the default do to unsent messages at close.")
public final class LingerDemo extends DemoProgram implements Callable<Integer> {
    static final int QUEUED = 5;
    static final Duration BOUNDED = Duration.ofMillis(300);
    private static final Duration WATCH = Duration.ofMillis(300);

    /** One case: the LINGER set ({@code null}: the default), how long close took, what arrived. */
    record Outcome(String linger, long closeMillis, int delivered) {
    }

    @Override
    public Integer call() {
        try (Context context = new Context()) {
            show(context, this::say);
            return 0;
        }
    }

    static List<Outcome> show(Context context, Narrator narrator) {
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(close(context, Duration.ZERO, "0"));
        outcomes.add(close(context, BOUNDED, BOUNDED.toMillis() + " ms"));
        outcomes.add(close(context, null, "default"));
        for (Outcome o : outcomes) {
            narrator.say("LINGER=%-8s close took %4d ms, %d of %d queued messages delivered", o.linger(), o.closeMillis(), o.delivered(), QUEUED);
        }
        return outcomes;
    }

    private static Outcome close(Context context, Duration linger, String name) {
        String endpoint = "tcp://127.0.0.1:" + freePort();
        Socket push = context.socket(SocketType.PUSH);
        if (linger != null) {
            push.set(Option.LINGER, linger);
        }
        push.connect(endpoint);
        for (int i = 1; i <= QUEUED; i++) {
            if (!push.send("message " + i, WAIT)) {
                throw new IllegalStateException("PUSH would not queue message " + i);
            }
        }
        long start = System.nanoTime();
        long[] closeMillis = new long[1];
        Thread closer = new Thread(() -> {
            push.close();
            closeMillis[0] = (System.nanoTime() - start) / 1_000_000;
        }, "linger-closer");
        closer.start();
        if (linger != null) {
            JsonDemo.join(closer);   // a bounded LINGER: the PULL comes only after the close
        }
        int delivered = 0;
        try (Socket pull = context.socket(SocketType.PULL)) {
            pull.bind(endpoint);
            while (pull.receive(WATCH) != null) {
                delivered++;
            }
        }
        JsonDemo.join(closer);
        return new Outcome(name, closeMillis[0], delivered);
    }

    /** A port nobody listens on now (the kernel's choice of an ephemeral port, released). */
    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
