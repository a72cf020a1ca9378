package dev.zmq4j.hostile;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved REQ client, in a context of its own, making round trips to an echoing REP for as
 * long as it runs: how many it made, the slowest (and when it started), and any that failed. Its
 * counters are read from other threads.
 */
final class GoodPeer implements AutoCloseable {
    /** A round trip slower than this counts as failed. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Context ctx = new Context();
    private final Thread thread;
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    /** When the slowest round trip started ({@link System#nanoTime}). */
    private volatile long slowestStartNanos;
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;

    /** Starts the client against {@code endpoint}, where an {@link #echo} server answers. */
    GoodPeer(String endpoint) {
        thread = new Thread(() -> run(endpoint), "good-peer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String endpoint) {
        try (Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(endpoint);
            for (long i = 0; !stopped; i++) {
                long start = System.nanoTime();
                String text = "ping " + i;
                Message reply = req.send(text, TIMEOUT) ? req.receive(TIMEOUT) : null;
                if (reply == null || !reply.toStrings().equals(java.util.List.of(text))) {
                    failures.incrementAndGet();
                    return;
                }
                long took = System.nanoTime() - start;
                if (took > maxNanos.get()) {
                    slowestStartNanos = start;
                    maxNanos.set(took);
                }
                roundTrips.incrementAndGet();
            }
        }
    }

    /** Starts a thread answering every request on {@code rep} with itself, until the socket closes. */
    static Thread echo(Socket rep) {
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    Message m = rep.receive();
                    rep.send(m);
                }
            } catch (RuntimeException closed) {
                // The socket or its context closed: the server is done.
            }
        }, "echo");
        t.setDaemon(true);
        t.start();
        return t;
    }

    long roundTrips() {
        return roundTrips.get();
    }

    Duration slowest() {
        return Duration.ofNanos(maxNanos.get());
    }

    /** How long after {@code originNanos} ({@link System#nanoTime}) the slowest round trip started. */
    Duration slowestStartedAfter(long originNanos) {
        return Duration.ofNanos(slowestStartNanos - originNanos);
    }

    long failures() {
        return failures.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(TIMEOUT.toMillis() * 2);
        ctx.close();
    }
}
