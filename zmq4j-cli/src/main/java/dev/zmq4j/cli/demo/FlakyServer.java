package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The unreliable server of {@link LazyPirateDemo}: a REP that answers {@code "reply to <request>"},
 * except that, drawn from a seeded {@link Random}, it sometimes <em>crashes</em> (closes its socket
 * with the request unanswered, stays down a while, binds the same endpoint again) and sometimes
 * <em>hangs</em> (answers only after a while, when the client has given up on that socket).
 * Runs on its own thread until {@link #stop()}; every failure is narrated.
 */
final class FlakyServer implements Runnable {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Context context;
    private final Random random;
    private final double crashChance;
    private final double hangChance;
    private final Duration hang;
    private final Duration down;
    private final Narrator narrator;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String endpoint;
    private Socket rep;
    private int crashes;
    private int hangs;

    FlakyServer(Context context, String bindTo, long seed, double crashChance, double hangChance,
            Duration hang, Duration down, Narrator narrator) {
        this.context = context;
        this.random = new Random(seed);
        this.crashChance = crashChance;
        this.hangChance = hangChance;
        this.hang = hang;
        this.down = down;
        this.narrator = narrator;
        this.rep = newSocket();
        this.endpoint = rep.bind(bindTo);
    }

    /** The endpoint bound, with its actual port; the same after every restart. */
    String endpoint() {
        return endpoint;
    }

    int crashes() {
        return crashes;
    }

    int hangs() {
        return hangs;
    }

    /** Ends the server thread soon (a hang or downtime in progress is cut short). */
    void stop() {
        stopped.countDown();
    }

    @Override
    public void run() {
        try {
            while (stopped.getCount() > 0) {
                Message request = rep.receive(POLL);
                if (request == null) {
                    continue;
                }
                String body = request.first().toUtf8();
                double draw = random.nextDouble();
                if (draw < crashChance) {
                    crashes++;
                    narrator.say("  server: crashes on \"%s\" (down for %d ms)", body, down.toMillis());
                    rep.close();
                    if (pause(down)) {
                        return;
                    }
                    rep = rebind();
                    narrator.say("  server: back up on %s", endpoint);
                    continue;
                }
                if (draw < crashChance + hangChance) {
                    hangs++;
                    narrator.say("  server: hangs on \"%s\" for %d ms", body, hang.toMillis());
                    if (pause(hang)) {
                        return;
                    }
                }
                rep.send("reply to " + body);
            }
        } catch (ZmqException e) {
            // the context closed: the demo is over
        } finally {
            rep.close();
        }
    }

    /** Waits {@code d}; {@code true} if the server was stopped meanwhile. */
    private boolean pause(Duration d) {
        try {
            return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private Socket newSocket() {
        Socket s = context.socket(SocketType.REP);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /** Binds the same endpoint again, retrying while the operating system releases the port. */
    private Socket rebind() {
        for (;;) {
            Socket s = newSocket();
            try {
                s.bind(endpoint);
                return s;
            } catch (ZmqException.AddressInUseException e) {
                s.close();
                if (pause(Duration.ofMillis(50))) {
                    throw new ZmqException("stopped while rebinding " + endpoint);
                }
            }
        }
    }
}
