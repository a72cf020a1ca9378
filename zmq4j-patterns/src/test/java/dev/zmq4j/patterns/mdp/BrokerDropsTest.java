package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import org.junit.jupiter.api.Test;

/**
 * The broker's decision to drop a request at a full queue, and its bursts: one WARN per service
 * per burst ({@link BrokerService#dropping} is what the WARN is logged on), a burst ending when a
 * request is accepted with the queue drained to half.
 */
class BrokerDropsTest {
    private final BrokerServices services = new BrokerServices(10, 4, 1_000);
    private final BrokerDrops drops = new BrokerDrops();

    private static QueuedRequest request(String service) {
        return new QueuedRequest(Frame.of("client"), service, Message.of("body"), System.nanoTime());
    }

    /** Queues a request for {@code s} if it is not dropped; returns whether it was queued. */
    private boolean offer(BrokerService s) {
        if (drops.dropReason(services, s, s.name, 4) != null) {
            return false;
        }
        s.queue(request(s.name));
        return true;
    }

    @Test
    void aFullQueueDropsNewRequestsAndKeepsTheQueuedOnes() {
        BrokerService s = services.forRequest("svc");
        for (int i = 0; i < 4; i++) {
            assertThat(offer(s)).as("request %d", i).isTrue();
        }

        assertThat(drops.dropReason(services, s, "svc", 4))
                .isEqualTo("service svc: 4 requests waiting for a worker (expected: < 4, maxQueuedRequests)");
        assertThat(s.queued()).isEqualTo(4);
        assertThat(services.queued()).isEqualTo(4);
        assertThat(drops.count()).isEqualTo(1);
    }

    @Test
    void aBurstLastsWhileTheQueueHoversAtItsLimitAndEndsOnceItDrainedToHalf() {
        BrokerService s = services.forRequest("svc");
        for (int i = 0; i < 4; i++) {
            offer(s);
        }
        assertThat(offer(s)).isFalse();
        assertThat(s.dropping).as("the first drop starts a burst").isTrue();

        // A worker takes one, a client refills it, the next is dropped: the same burst, no new WARN.
        s.next();
        assertThat(offer(s)).isTrue();
        assertThat(s.dropping).as("accepted with 3 of 4 queued").isTrue();
        assertThat(offer(s)).isFalse();

        s.next();
        s.next();
        assertThat(offer(s)).isTrue();
        assertThat(s.dropping).as("accepted with 2 of 4 queued: the burst is over").isFalse();
        assertThat(drops.count()).isEqualTo(2);
        assertThat(services.queued()).isEqualTo(3);
    }

    @Test
    void aRequestThatWouldTakeTheQueuedBytesOverTheirBoundIsDroppedInTheSameBurst() {
        BrokerServices small = new BrokerServices(10, 100, 10);
        BrokerService s = small.forRequest("svc");
        s.queue(new QueuedRequest(Frame.of("client"), "svc", Message.of("12345678"), System.nanoTime()));

        assertThat(drops.dropReason(small, s, "svc", 3))
                .isEqualTo("service svc: 8 bytes waiting for a worker and 3 more (expected: <= 10 in all, maxQueuedBytes)");
        assertThat(s.dropping).isTrue();
        assertThat(drops.dropReason(small, s, "svc", 2)).as("exactly at the bound").isNull();
        assertThat(s.dropping).as("accepted with 8 of 10 bytes queued").isTrue();

        s.next();
        assertThat(drops.dropReason(small, s, "svc", 2)).isNull();
        assertThat(s.dropping).as("accepted with the queue empty: the burst is over").isFalse();
        assertThat(drops.count()).isEqualTo(1);
        assertThat(small.queuedBytes()).isZero();
    }

    @Test
    void eachServiceHasItsOwnBurst() {
        BrokerService full = services.forRequest("full");
        BrokerService other = services.forRequest("other");
        for (int i = 0; i < 4; i++) {
            offer(full);
        }
        assertThat(offer(full)).isFalse();
        assertThat(offer(other)).isTrue();

        assertThat(full.dropping).isTrue();
        assertThat(other.dropping).isFalse();
        assertThat(services.queued()).isEqualTo(5);
    }
}
