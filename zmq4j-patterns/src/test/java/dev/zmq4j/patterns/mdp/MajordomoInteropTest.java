package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Message;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our broker with a client and a worker written from RFC 7 in Python (pyzmq on libzmq,
 * {@code mdp/mdp_peer.py}): the wire is the RFC's, not just ours.
 */
@Timeout(90)
class MajordomoInteropTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private BrokerBed bed;

    @BeforeEach
    void setUp() {
        PythonMdpPeer.assumeAvailable();
        bed = new BrokerBed();
    }

    @AfterEach
    void close() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    @Test
    void pythonClientThroughOurBrokerToOurWorker() throws Exception {
        bed.worker("java.upper", body -> Message.of("java:" + body.first().toUtf8().toUpperCase()));
        try (PythonMdpPeer client = PythonMdpPeer.start("client", bed.endpoint, "java.upper", "5")) {
            client.awaitSuccess(WAIT);

            assertThat(client.lines()).filteredOn(l -> l.startsWith("REPLY "))
                    .containsExactly("REPLY java:PY-0", "REPLY java:PY-1", "REPLY java:PY-2", "REPLY java:PY-3", "REPLY java:PY-4");
        }
        assertThat(bed.broker.repliesSent()).isEqualTo(5);
    }

    @Test
    void ourClientThroughOurBrokerToPythonWorker() throws Exception {
        long ms = BrokerBed.HEARTBEAT.interval().toMillis();
        try (PythonMdpPeer worker = PythonMdpPeer.start("worker", bed.endpoint, "py.prefix", "5", Long.toString(ms))) {
            worker.awaitLine("READY", WAIT);
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the python worker registered; " + worker.describe());
            MajordomoClient client = bed.client(Duration.ofSeconds(10), 0);

            for (int i = 0; i < 5; i++) {
                Message reply = client.request("py.prefix", Message.of("hello " + i, "second frame"));
                assertThat(reply.toStrings()).containsExactly("py:hello " + i, "second frame");
            }

            worker.awaitSuccess(WAIT);
            Await.until(() -> bed.broker.workers() == 0, WAIT, "the python worker's DISCONNECT reached the broker");
        }
    }

    @Test
    void pythonWorkerStaysRegisteredThroughHeartbeats() throws Exception {
        long ms = BrokerBed.HEARTBEAT.interval().toMillis();
        try (PythonMdpPeer worker = PythonMdpPeer.start("worker", bed.endpoint, "py.slow", "1", Long.toString(ms))) {
            worker.awaitLine("READY", WAIT);
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the python worker registered");
            // Idle for several expiries: both sides heartbeat, neither gives up on the other.
            long end = System.nanoTime() + BrokerBed.HEARTBEAT.expiry().multipliedBy(3).toNanos();
            while (System.nanoTime() < end) {
                assertThat(bed.broker.workers()).isEqualTo(1);
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
            assertThat(bed.broker.workersExpired()).isZero();
            assertThat(bed.client(Duration.ofSeconds(10), 0).request("py.slow", "x")).isEqualTo("py:x");
            worker.awaitSuccess(WAIT);
        }
    }
}
