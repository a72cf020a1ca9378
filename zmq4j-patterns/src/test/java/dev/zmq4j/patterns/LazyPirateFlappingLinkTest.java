package dev.zmq4j.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.chaos.ChaosRelay;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * REQ/REP through a Lazy Pirate client over a flapping link: a {@link ChaosRelay} between client
 * and server is cut, goes down (connections refused) or half-open (bytes swallowed, nothing
 * closed) every few hundred milliseconds, for up to {@link #OUTAGE} at a time, while the client
 * sends numbered requests. Every request is answered, with its own reply: the client's retries on
 * fresh sockets ride out each fault.
 */
@Timeout(120)
class LazyPirateFlappingLinkTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final int RETRIES = 20;
    private static final Duration OUTAGE = Duration.ofMillis(600);
    private static final int REQUESTS = 60;
    private static final int FAULTS = 15;

    @Test
    void everyRequestIsAnsweredOverAFlappingLink() throws Exception {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger faults = new AtomicInteger();
        CountDownLatch over = new CountDownLatch(1);
        try (Context ctx = new Context(); Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(Option.LINGER, Duration.ZERO);
            String ep = rep.bind("tcp://127.0.0.1:*");
            Thread server = daemon("echo-rep", () -> {
                try {
                    while (over.getCount() > 0) {
                        Message request = rep.receive(Duration.ofMillis(100));
                        if (request != null) {
                            served.incrementAndGet();
                            rep.send("reply:" + request.first().toUtf8());
                        }
                    }
                } catch (ZmqException e) {
                    // closed: the test is over
                }
            });
            try (ChaosRelay relay = new ChaosRelay(ep)) {
                Thread flapper = daemon("flapper", () -> flap(relay, faults, over));
                long started = System.nanoTime();
                int answered = 0;
                try (LazyPirateClient client = new LazyPirateClient(ctx, relay.endpoint(), TIMEOUT, RETRIES)) {
                    while (answered < REQUESTS || faults.get() < FAULTS) {
                        String body = "r" + answered;
                        Message reply = client.request(Message.of(body));
                        assertThat(reply.toStrings()).as("the reply to " + body).containsExactly("reply:" + body);
                        answered++;
                    }
                } finally {
                    over.countDown();
                    flapper.join(5_000);
                }
                System.out.printf("lazy pirate over a flapping link: %d requests answered, %d faults (%d connections relayed, %d refused), %d tries served, %d ms%n",
                        answered, faults.get(), relay.accepted(), relay.refused(), served.get(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertThat(served.get()).as("each request reached the server at least once").isGreaterThanOrEqualTo(answered);
            } finally {
                over.countDown();
                server.join(5_000);
            }
        }
    }

    /** Injects a fault every 100-400 ms until {@code over}: a cut, or an outage (down or half-open) of up to {@link #OUTAGE}. */
    private static void flap(ChaosRelay relay, AtomicInteger faults, CountDownLatch over) {
        Random random = new Random(2026);
        try {
            while (!over.await(100 + random.nextInt(300), TimeUnit.MILLISECONDS)) {
                int kind = random.nextInt(3);
                long outage = 100 + random.nextInt((int) OUTAGE.toMillis() - 100);
                faults.incrementAndGet();
                if (kind == 0) {
                    relay.cut();
                    continue;
                }
                if (kind == 1) {
                    relay.down();
                    relay.cut();
                } else {
                    relay.halfOpen();
                }
                // The outage lasts its time, or until the test is over.
                over.await(outage, TimeUnit.MILLISECONDS);
                relay.up();
                relay.heal();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            relay.up();
            relay.heal();
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
