package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client given several brokers moves to the next on each timeout (how it fails over to a Binary Star backup). */
@Timeout(60)
class MajordomoFailoverTest {
    private final BrokerBed bed = new BrokerBed();

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    /** An endpoint where nothing answers: a port bound once and released. */
    private String deadEndpoint() {
        try (Socket s = bed.context.socket(SocketType.ROUTER)) {
            s.set(Option.LINGER, Duration.ZERO);
            return s.bind("tcp://127.0.0.1:*");
        }
    }

    @Test
    void clientAnswersThroughTheSecondBrokerWhenTheFirstIsDead() {
        bed.worker("echo", body -> Message.of("second says " + body.first().toUtf8()));
        String dead = deadEndpoint();
        try (MajordomoClient client = new MajordomoClient(bed.context, List.of(dead, bed.endpoint), Duration.ofMillis(500), 2)) {
            assertThat(client.request("echo", "hello")).isEqualTo("second says hello");
            // The client stays on the broker that answered.
            assertThat(client.request("echo", "again")).isEqualTo("second says again");
        }
    }

    @Test
    void clientMovesOnWhenItsBrokerStopsAnswering() throws Exception {
        try (Context primaryContext = new Context()) {
            MajordomoBroker primary = new MajordomoBroker(primaryContext, BrokerBed.HEARTBEAT);
            String primaryEndpoint = primary.bind("tcp://127.0.0.1:*");
            primary.start();
            MajordomoWorker primaryWorker = new MajordomoWorker(primaryContext, List.of(primaryEndpoint), "echo",
                    BrokerBed.HEARTBEAT, BrokerBed.RECONNECT, BrokerBed.RECONNECT);
            primaryWorker.start(body -> Message.of("primary"));
            bed.worker("echo", body -> Message.of("backup"));
            try (MajordomoClient client = new MajordomoClient(bed.context, List.of(primaryEndpoint, bed.endpoint),
                    Duration.ofMillis(500), 1)) {
                assertThat(client.request("echo", "1")).isEqualTo("primary");

                primaryWorker.close();
                primary.close();

                assertThat(client.request("echo", "2")).isEqualTo("backup");
            }
        }
    }

    @Test
    void clientWithEveryBrokerDeadNamesThemAll() {
        String a = deadEndpoint();
        String b = deadEndpoint();
        try (MajordomoClient client = new MajordomoClient(bed.context, List.of(a, b), Duration.ofMillis(200), 3)) {
            assertThatThrownBy(() -> client.request("echo", "x"))
                    .isInstanceOf(NoReplyException.class)
                    .hasMessageContaining(a).hasMessageContaining(b).hasMessageContaining("4 tries");
        }
    }
}
