package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The worker's blocking style, its close, a worker leaving mid-request, and re-registration with a restarted broker. */
@Timeout(60)
class MajordomoWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final BrokerBed bed = new BrokerBed();

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    @Test
    void blockingStyleReceivesARequestAndRepliesToIt() {
        MajordomoWorker worker = bed.worker(bed.context, "echo");
        assertThat(worker.receive(Duration.ofMillis(100))).as("nothing asked yet").isNull();
        MajordomoAsyncClient client = bed.asyncClient();
        client.send("echo", Message.of("one", "two"));

        MajordomoWorker.Request request = worker.receive(WAIT);
        assertThat(request).isNotNull();
        assertThat(request.body().toStrings()).containsExactly("one", "two");
        worker.reply(request, Message.of("done"));

        MajordomoAsyncClient.Reply reply = client.receive(WAIT);
        assertThat(reply).isNotNull();
        assertThat(reply.service()).isEqualTo("echo");
        assertThat(reply.body().toStrings()).containsExactly("done");
    }

    @Test
    void closeWakesABlockedReceive() throws Exception {
        MajordomoWorker worker = bed.worker(bed.context, "echo");
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                worker.receive();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");

        worker.close();

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ZmqException.SocketClosedException.class);
        Await.until(() -> bed.broker.workers() == 0, WAIT, "the worker's DISCONNECT reached the broker");
        assertThatThrownBy(worker::receive).isInstanceOf(ZmqException.SocketClosedException.class);
    }

    @Test
    void startedWorkerClosesWithinItsBound() {
        MajordomoWorker worker = bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        long start = System.nanoTime();

        worker.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MajordomoWorker.CLOSE_WAIT);
    }

    @Test
    void workerDisconnectingMidRequestHasItsRequestRequeuedAtOnce() {
        try (Socket raw = bed.context.socket(SocketType.DEALER)) {
            raw.set(Option.LINGER, Duration.ZERO);
            raw.connect(bed.endpoint);
            raw.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("echo")))));
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the raw worker registered");
            MajordomoAsyncClient client = bed.asyncClient();
            client.send("echo", Message.of("held"));
            Message request;
            do {
                request = raw.receive(WAIT);
                assertThat(request).isNotNull();
            } while (request.frame(2).byteAt(0) != Mdp.REQUEST);

            raw.send(Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
            Await.until(() -> bed.broker.requestsRequeued() == 1, WAIT, "the held request re-queued");
            bed.worker("echo", body -> Message.of("by another"));

            MajordomoAsyncClient.Reply reply = client.receive(WAIT);
            assertThat(reply).isNotNull();
            assertThat(reply.body().first().toUtf8()).isEqualTo("by another");
            assertThat(bed.broker.workersExpired()).as("gone by DISCONNECT, not by expiry").isZero();
        }
    }

    @Test
    void workerRegistersAgainWithARestartedBroker() {
        try (Context brokers = new Context()) {
            MajordomoBroker first = new MajordomoBroker(brokers, BrokerBed.HEARTBEAT);
            String endpoint = first.bind("tcp://127.0.0.1:*");
            first.start();
            MajordomoWorker worker = bed.closeLater(new MajordomoWorker(bed.context, List.of(endpoint), "echo",
                    BrokerBed.HEARTBEAT, BrokerBed.RECONNECT, BrokerBed.RECONNECT));
            worker.start(body -> body);
            Await.until(() -> first.workers() == 1, WAIT, "registered with the first broker");

            first.close();
            try (MajordomoBroker second = new MajordomoBroker(brokers, BrokerBed.HEARTBEAT)) {
                second.bind(endpoint);
                second.start();

                // The worker's heartbeat reaches a broker that does not know it: DISCONNECT, then READY again
                // (or the first broker's silence made it reconnect already).
                Await.until(() -> second.workers() == 1, WAIT, "registered with the restarted broker");
                try (MajordomoClient client = new MajordomoClient(bed.context, endpoint, WAIT, 0)) {
                    assertThat(client.request("echo", "after restart")).isEqualTo("after restart");
                }
                assertThat(worker.reconnects()).isGreaterThanOrEqualTo(1);
            }
        }
    }
}
