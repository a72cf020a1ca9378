package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.patterns.Await;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker's memory of service names is bounded: a client naming a new, random service with
 * every request makes the broker hold each only while its request waits, and never more than
 * {@code maxServices} at once.
 */
@Timeout(120)
class MajordomoServiceLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final BrokerBed bed = new BrokerBed();
    private final Random random = new Random(20261201);

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    private static void request(Socket client, String service) {
        assertThat(client.send(Message.of(Frame.EMPTY, Frame.of(Mdp.CLIENT), Frame.of(service), Frame.of("body")), WAIT))
                .as("request for %s sent", service).isTrue();
    }

    private String randomName() {
        return "svc-" + Long.toHexString(random.nextLong());
    }

    @Test
    void servicesWithNeitherWorkersNorRequestsAreForgotten() {
        int names = 20_000;
        bed.broker.requestTtl(Duration.ofMillis(200));
        // Above the default limit, to see them forgotten rather than refused.
        bed.broker.maxServices(names + 1);
        bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        Socket client = bed.rawPeer();

        for (int i = 0; i < names; i++) {
            request(client, randomName());
        }
        Await.until(() -> bed.broker.requestsReceived() == names, WAIT,
                () -> "received " + bed.broker.requestsReceived() + " of " + names);

        // Each random service's one request expires after the TTL; the service goes with it.
        Await.until(() -> bed.broker.services() == 1, WAIT, () -> "services known: " + bed.broker.services());
        assertThat(bed.broker.requestsDropped()).isZero();
        // The worker's service stays, and serves.
        assertThat(bed.client(WAIT, 0).request("echo", "still")).isEqualTo("still");
        assertThat(bed.broker.services()).isEqualTo(1);
    }

    @Test
    void aServiceIsForgottenWhenItsLastWorkerLeavesWithNoRequestWaiting() {
        MajordomoWorker worker = bed.worker("short-lived", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        assertThat(bed.broker.services()).isEqualTo(1);

        worker.close();

        Await.until(() -> bed.broker.services() == 0, WAIT, () -> "services known: " + bed.broker.services());
        assertThat(bed.client(WAIT, 0).request(Mdp.MMI_SERVICE, "short-lived")).isEqualTo("404");
        assertThat(bed.broker.services()).as("an MMI lookup creates no service").isZero();
    }

    @Test
    void requestsForNewServicesBeyondTheLimitAreDroppedAndCounted() {
        int limit = 100;
        int names = 1_000;
        bed.broker.maxServices(limit);
        List<String> dropped = new CopyOnWriteArrayList<>();
        bed.broker.listener(new BrokerListener() {
            @Override
            public void requestDropped(Frame client, String service, String why) {
                dropped.add(why);
            }
        });
        Socket client = bed.rawPeer();

        for (int i = 0; i < names; i++) {
            request(client, randomName());
        }
        Await.until(() -> bed.broker.requestsReceived() == names, WAIT,
                () -> "received " + bed.broker.requestsReceived() + " of " + names);

        assertThat(bed.broker.services()).isEqualTo(limit);
        assertThat(bed.broker.requestsDropped()).isEqualTo(names - limit);
        Await.until(() -> dropped.size() == names - limit, WAIT, () -> "listener told of " + dropped.size());
        assertThat(dropped).allSatisfy(why ->
                assertThat(why).startsWith("the broker knows 100 services (expected: <= 100, maxServices) and none is svc-"));

        // A worker may still register a new service, and a client reach it.
        bed.worker("late", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        assertThat(bed.client(WAIT, 0).request("late", "served")).isEqualTo("served");
        assertThat(bed.broker.services()).isEqualTo(limit + 1);
        assertThat(bed.broker.requestsDropped()).isEqualTo(names - limit);
    }

    @Test
    void theLimitMustBePositive() {
        assertThatThrownBy(() -> bed.broker.maxServices(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxServices: 0 (expected: > 0)");
    }
}
