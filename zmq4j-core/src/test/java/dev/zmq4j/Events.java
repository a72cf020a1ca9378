package dev.zmq4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Waiting for monitor events in tests (also used by the transport checklist). */
public final class Events {
    /** How long {@link #await} waits for the event. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private Events() {
    }

    /** Reads events until one of {@code type} matching {@code also} arrives; fails after {@link #WAIT}. */
    public static SocketEvent await(Monitor m, SocketEvent.Type type, Predicate<SocketEvent> also) {
        List<SocketEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            SocketEvent e = left > 0 ? m.next(Duration.ofNanos(left)) : null;
            if (e == null) {
                throw new AssertionError("no " + type + " event within " + WAIT + "; saw " + seen);
            }
            if (e.type() == type && also.test(e)) {
                return e;
            }
            seen.add(e);
        }
    }

    /** Reads events until one of {@code type} arrives; fails after {@link #WAIT}. */
    public static SocketEvent await(Monitor m, SocketEvent.Type type) {
        return await(m, type, e -> true);
    }
}
