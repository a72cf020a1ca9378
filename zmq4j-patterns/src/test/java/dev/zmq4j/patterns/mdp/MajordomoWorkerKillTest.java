package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 requests from 8 synchronous clients to 3 workers, one of which is killed (its context
 * closed: no DISCONNECT) while it holds a request: every request is answered exactly once or
 * reported failed to its client, and none is answered twice or with another's reply.
 */
@Timeout(120)
class MajordomoWorkerKillTest {
    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 8;
    private static final int KILL_AT = 300;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BrokerBed bed = new BrokerBed();
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws Exception {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(20, TimeUnit.SECONDS)).as("the clients ended").isTrue();
        bed.close();
    }

    @Test
    void everyRequestIsAnsweredExactlyOnceOrFailedWhenAWorkerDiesHoldingOne() throws Exception {
        bed.worker("echo", body -> body);
        bed.worker("echo", body -> body);
        Context victimContext = bed.closeLater(new Context());
        MajordomoWorker victim = bed.worker(victimContext, "echo");
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger victimRequests = new AtomicInteger();
        Message[] held = new Message[1];
        victim.start(body -> {
            if (victimRequests.incrementAndGet() == KILL_AT) {
                held[0] = body;
                holding.countDown();
                await(killed);
            }
            return body;
        });
        Await.until(() -> bed.broker.workers() == 3, WAIT, "3 workers registered");

        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int first = c * (REQUESTS / CLIENTS);
            MajordomoClient client = bed.client(Duration.ofSeconds(5), 2);
            clients.add(executor.submit(() -> {
                for (int i = first; i < first + REQUESTS / CLIENTS; i++) {
                    String id = "request-" + i;
                    try {
                        String reply = client.request("echo", id);
                        if (!reply.equals(id)) {
                            wrong.incrementAndGet();
                        } else if (!answered.add(id)) {
                            duplicates.incrementAndGet();
                        }
                    } catch (NoReplyException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }

        assertThat(holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the victim holds its %d-th request", KILL_AT).isTrue();
        victimContext.close();
        killed.countDown();
        for (Future<?> f : clients) {
            f.get(100, TimeUnit.SECONDS);
        }

        assertThat(wrong.get()).as("replies carrying another request's id").isZero();
        assertThat(duplicates.get()).as("requests answered twice").isZero();
        assertThat(answered.size() + failed.get()).as("answered + failed").isEqualTo(REQUESTS);
        assertThat(answered).as("the killed worker's held request was answered by another").contains(held[0].first().toUtf8());
        assertThat(bed.broker.workersExpired()).isGreaterThanOrEqualTo(1);
        assertThat(bed.broker.requestsRequeued()).isGreaterThanOrEqualTo(1);
        assertThat(failed.get()).as("failed (every client had 3 tries of 5 s)").isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
