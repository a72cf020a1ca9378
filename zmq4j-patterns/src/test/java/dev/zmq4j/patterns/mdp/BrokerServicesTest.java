package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Request expiry visits only the services holding requests, and in each only the expired requests
 * and the first one that is not: its cost does not grow with the services the broker knows.
 */
class BrokerServicesTest {
    private final BrokerServices services = new BrokerServices(100_000, 100, 1L << 20);
    private final List<String> expired = new ArrayList<>();

    private static QueuedRequest request(String service, String body, long queuedNanos) {
        return new QueuedRequest(Frame.of("client"), service, Message.of(body), queuedNanos);
    }

    private void expire(long cutoffNanos) {
        services.expire(cutoffNanos, r -> expired.add(r.body().first().toUtf8()));
    }

    @Test
    void aTickVisitsOnlyTheQueueThatHoldsRequests() {
        for (int i = 0; i < 10_000; i++) {
            services.forWorker("svc" + i).workers++;
        }
        BrokerService busy = services.forRequest("svc42");
        busy.queue(request("svc42", "r0", 100));
        busy.queue(request("svc42", "r1", 200));
        busy.queue(request("svc42", "r2", 300));

        expire(250);

        assertThat(services.queuesVisited()).as("queues visited by one tick among 10,000 services").isEqualTo(1);
        assertThat(expired).containsExactly("r0", "r1");
        assertThat(busy.next().body().first().toUtf8()).isEqualTo("r2");
        assertThat(services.size()).isEqualTo(10_000);

        expire(1_000);
        assertThat(services.queuesVisited()).as("no queue holds a request any more").isEqualTo(1);
        assertThat(expired).hasSize(2);
    }

    @Test
    void aServiceWithNoWorkerIsForgottenOnceItsLastRequestExpired() {
        BrokerService s = services.forRequest("nobody");
        s.queue(request("nobody", "r0", 100));

        expire(200);

        assertThat(expired).containsExactly("r0");
        assertThat(services.size()).isZero();
        assertThat(services.queued()).isZero();
        assertThat(services.queuedBytes()).isZero();
    }

    @Test
    void requestsTakenBackFromGoneWorkersReturnInOrderOfArrival() {
        BrokerService s = services.forWorker("svc");
        s.workers++;
        QueuedRequest r0 = request("svc", "r0", 100);
        QueuedRequest r1 = request("svc", "r1", 200);
        s.queue(request("svc", "r3", 400));
        // The worker holding r0 goes first, then the one holding r1: r1 goes behind r0, not to the head.
        s.requeue(r0);
        s.requeue(r1);
        s.queue(request("svc", "r4", 500));

        assertThat(s.queued()).isEqualTo(4);
        expire(300);

        assertThat(expired).as("exactly the requests older than the cutoff, oldest first").containsExactly("r0", "r1");
        assertThat(s.next().body().first().toUtf8()).isEqualTo("r3");
        assertThat(s.next().body().first().toUtf8()).isEqualTo("r4");
        assertThat(s.next()).isNull();
    }

    @Test
    void queuedBytesCountTheBodyFramesOfWaitingRequests() {
        BrokerService a = services.forRequest("a");
        BrokerService b = services.forRequest("b");
        a.queue(new QueuedRequest(Frame.of("client"), "a", Message.of("12345", "678"), 100));
        b.queue(request("b", "1234", 100));
        assertThat(a.queuedBytes()).isEqualTo(8);
        assertThat(services.queuedBytes()).isEqualTo(12);

        a.next();
        assertThat(a.queuedBytes()).isZero();
        assertThat(services.queuedBytes()).isEqualTo(4);
        assertThat(services.queued()).isEqualTo(1);
    }
}
