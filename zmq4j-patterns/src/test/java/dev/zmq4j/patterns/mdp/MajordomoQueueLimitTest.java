package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.patterns.Await;
import dev.zmq4j.patterns.Heartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service's queue is bounded: a client sending to a service nobody serves makes the broker hold
 * at most {@code maxQueuedRequests} of its requests; the others are dropped, counted and told to
 * the listener, and those queued keep their place for the worker that comes.
 */
@Timeout(120)
class MajordomoQueueLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final BrokerBed bed = new BrokerBed();

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    private static void request(Socket client, String service, String body) {
        assertThat(client.send(Message.of(Frame.EMPTY, Frame.of(Mdp.CLIENT), Frame.of(service), Frame.of(body)), WAIT))
                .as("request %s sent", body).isTrue();
    }

    @Test
    void requestsBeyondTheQueueLimitAreDroppedAndTheOldestAreServedInOrder() {
        int limit = 100;
        int sent = 10_000;
        // Long enough that no request expires while the test runs.
        bed.broker.requestTtl(Duration.ofMinutes(10));
        bed.broker.maxQueuedRequests(limit);
        List<String> dropped = Collections.synchronizedList(new ArrayList<>());
        bed.broker.listener(new BrokerListener() {
            @Override
            public void requestDropped(Frame client, String service, String why) {
                dropped.add(service + ": " + why);
            }
        });
        Socket client = bed.rawPeer();

        for (int i = 0; i < sent; i++) {
            request(client, "nobody", Integer.toString(i));
        }
        Await.until(() -> bed.broker.requestsReceived() == sent && dropped.size() == sent - limit, WAIT,
                () -> "received " + bed.broker.requestsReceived() + " of " + sent + ", listener told of " + dropped.size()
                        + " drops");

        assertThat(bed.broker.queuedRequests()).as("requests the broker holds").isEqualTo(limit);
        assertThat(bed.broker.requestsDropped()).isEqualTo(sent - limit);
        assertThat(bed.broker.services()).isEqualTo(1);
        assertThat(dropped).hasSize(sent - limit).allSatisfy(why -> assertThat(why)
                .isEqualTo("nobody: service nobody: 100 requests waiting for a worker (expected: < 100, maxQueuedRequests)"));

        List<String> served = Collections.synchronizedList(new ArrayList<>());
        bed.worker("nobody", body -> {
            served.add(body.first().toUtf8());
            return body;
        });
        List<String> expected = IntStream.range(0, limit).mapToObj(Integer::toString).toList();
        for (String body : expected) {
            Message reply = client.receive(WAIT);
            assertThat(reply).as("reply to request %s", body).isNotNull();
            assertThat(reply.frames()).containsExactly(Frame.EMPTY, Frame.of(Mdp.CLIENT), Frame.of("nobody"), Frame.of(body));
        }
        assertThat(served).as("the worker got the oldest requests, in order").containsExactlyElementsOf(expected);
        assertThat(bed.broker.queuedRequests()).isZero();
        assertThat(bed.broker.repliesSent()).isEqualTo(limit);
        assertThat(bed.broker.requestsDropped()).isEqualTo(sent - limit);
    }

    @Test
    void aRequestTakenBackFromAGoneWorkerKeepsItsPlaceInAFullQueue() throws Exception {
        // Heartbeats slow enough that the raw workers, which do not beat, are not expired.
        try (BrokerBed slow = new BrokerBed(new Heartbeat(Duration.ofSeconds(20), 3))) {
            slow.broker.maxQueuedRequests(2);
            Socket client = slow.rawPeer();
            Socket first = slow.rawPeer();
            first.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("svc")))));
            Await.until(() -> slow.broker.workers() == 1, WAIT, "the first worker registered");

            request(client, "svc", "r0");
            assertThat(receiveRequest(first).frame(5).toUtf8()).isEqualTo("r0");
            request(client, "svc", "r1");
            request(client, "svc", "r2");
            request(client, "svc", "r3");
            Await.until(() -> slow.broker.requestsDropped() == 1, WAIT, "r3 dropped");
            assertThat(slow.broker.queuedRequests()).isEqualTo(2);

            first.send(Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
            Await.until(() -> slow.broker.requestsRequeued() == 1, WAIT, "r0 taken back from the gone worker");
            assertThat(slow.broker.queuedRequests()).as("r0 kept beyond the limit").isEqualTo(3);
            assertThat(slow.broker.requestsDropped()).isEqualTo(1);

            Socket second = slow.rawPeer();
            second.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("svc")))));
            List<String> served = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Message request = receiveRequest(second);
                Frame body = request.frame(5);
                served.add(body.toUtf8());
                second.send(Message.of(Mdp.workerCommand(Mdp.REPLY, Mdp.frames(request.frame(3), Frame.EMPTY, body))));
            }
            assertThat(served).containsExactly("r0", "r1", "r2");
            Await.until(() -> slow.broker.repliesSent() == 3, WAIT, "the replies went back");
            assertThat(slow.broker.queuedRequests()).isZero();
        }
    }

    /** The next REQUEST a raw worker receives ({@code "" | MDPW01 | 0x02 | client | "" | body}), skipping HEARTBEATs. */
    private static Message receiveRequest(Socket worker) {
        while (true) {
            Message m = worker.receive(WAIT);
            assertThat(m).as("a command for the worker").isNotNull();
            assertThat(m.frames().subList(0, 2)).containsExactly(Frame.EMPTY, Frame.of(Mdp.WORKER));
            byte command = m.frame(2).byteAt(0);
            if (command == Mdp.REQUEST) {
                assertThat(m.size()).isEqualTo(6);
                return m;
            }
            assertThat(command).as("a command other than REQUEST").isEqualTo(Mdp.HEARTBEAT);
        }
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> bed.broker.maxQueuedRequests(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueuedRequests: 0 (expected: > 0)");
    }
}
