package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.chaos.ChaosRelay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code perf soak}'s faulty link: PUSH clients send to a PULL through a {@link ChaosRelay} that
 * holds every byte back for a latency and cuts every connection at a fixed interval, while the
 * clients are churned as in the other patterns. A cut loses what was in flight, so the figures are
 * what the PULL received ({@link #load}'s messages) beside what the clients sent; a send that
 * finds no room within its wait (the link down, a reconnect pending) is counted as stalled, not as
 * an error. Errors are what the sockets themselves report.
 */
final class SoakChaos implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** The pattern in the figures: its messages are those the PULL received. */
    final SoakLoad load;
    private final ChaosRelay relay;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong stalled = new AtomicLong();
    private final long cutNanos;
    private long nextCut;
    private long cuts;

    /**
     * @param latency  how long the relay holds every byte back
     * @param cutEvery how often it closes every connection through it
     * @param rate     messages a second, shared by the two clients
     */
    SoakChaos(Context servers, Context clients, Duration latency, Duration cutEvery, int rate, AtomicLong errors) {
        Socket pull = servers.socket(SocketType.PULL);
        String ep = pull.bind("tcp://127.0.0.1:*");
        try {
            relay = new ChaosRelay(ep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        relay.latency(latency);
        load = new SoakLoad("chaos", () -> {
            Socket push = clients.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ZERO);
            push.connect(relay.endpoint());
            return push;
        }, this::send, rate / 2, 2);
        AtomicLong received = load.messages;
        SoakLoad.server("chaos-pull", () -> {
            for (;;) {
                pull.receive();
                received.incrementAndGet();
            }
        }, errors);
        cutNanos = cutEvery.toNanos();
        nextCut = System.nanoTime() + cutNanos;
    }

    /** One client step: sent and not counted (the PULL counts what arrives), or stalled. */
    private int send(Socket push) {
        if (push.send(new byte[256], WAIT)) {
            sent.incrementAndGet();
        } else {
            stalled.incrementAndGet();
        }
        return 0;
    }

    /** Cuts the link if a cut is due (the soak's control thread). */
    void tick(long nowNanos) {
        if (nowNanos - nextCut >= 0) {
            relay.cut();
            cuts++;
            nextCut += cutNanos;
        }
    }

    /** The next time {@link #tick} has work. */
    long nextTickNanos() {
        return nextCut;
    }

    /** What the summary line says of the link. */
    String summary() {
        return String.format(Locale.ROOT, "chaos link: %d cuts, %d connections relayed, sent %d, received %d, stalled sends %d",
                cuts, relay.accepted(), sent.get(), load.messages.get(), stalled.get());
    }

    /** Closes the relay; {@link #load} is closed with the soak's other loads. */
    @Override
    public void close() {
        try {
            relay.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
