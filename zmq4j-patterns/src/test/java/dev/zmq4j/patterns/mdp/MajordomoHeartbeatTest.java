package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import dev.zmq4j.patterns.Heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Heartbeating both ways: a silent worker is expired and its request goes to another; a silent broker is left. */
@Timeout(60)
class MajordomoHeartbeatTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final BrokerBed bed = new BrokerBed();

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    @Test
    void silentWorkerHoldingARequestIsExpiredAndTheRequestGoesToAnotherWorker() {
        try (Socket silent = bed.context.socket(SocketType.DEALER)) {
            silent.set(Option.LINGER, Duration.ZERO);
            silent.connect(bed.endpoint);
            silent.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("echo")))));
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the silent worker registered");
            MajordomoAsyncClient client = bed.asyncClient();
            client.send("echo", Message.of("held"));

            Message request = receiveRequest(silent);
            assertThat(request.frame(4).isEmpty()).isTrue();
            assertThat(request.frame(5).toUtf8()).isEqualTo("held");

            // The silent worker never answers nor heartbeats; a live worker joins.
            bed.worker("echo", body -> Message.of("answered " + body.first().toUtf8()));

            MajordomoAsyncClient.Reply reply = client.receive(WAIT);
            assertThat(reply).as("the re-queued request's reply").isNotNull();
            assertThat(reply.body().first().toUtf8()).isEqualTo("answered held");
            assertThat(bed.broker.workersExpired()).isEqualTo(1);
            assertThat(bed.broker.requestsRequeued()).isEqualTo(1);
            assertThat(client.receive(Duration.ofMillis(500))).as("exactly one reply").isNull();

            // The expired worker's late reply is refused with DISCONNECT and reaches no client.
            silent.send(Message.of(Mdp.workerCommand(Mdp.REPLY, Mdp.frames(request.frame(3), Frame.EMPTY, Frame.of("late")))));
            assertThat(receiveCommand(silent)).isEqualTo(Mdp.DISCONNECT);
            assertThat(client.receive(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void idleWorkerIsHeartbeatedAndStaysRegistered() throws Exception {
        // A liveness of 10 (2 s of silence), so that a loaded machine's stall of a few hundred
        // milliseconds between a heartbeat and its answer cannot expire the worker; the worker must
        // stay registered for twice that, answering heartbeats only.
        Heartbeat roomy = new Heartbeat(Duration.ofMillis(200), 10);
        try (BrokerBed own = new BrokerBed(roomy); Socket raw = own.context.socket(SocketType.DEALER)) {
            raw.set(Option.LINGER, Duration.ZERO);
            raw.connect(own.endpoint);
            raw.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("echo")))));
            long end = System.nanoTime() + roomy.expiry().multipliedBy(2).toNanos();
            int heartbeats = 0;
            while (System.nanoTime() < end) {
                Message m = raw.receive(WAIT);
                assertThat(m).isNotNull();
                assertThat(m.frames()).containsExactly(Frame.EMPTY, Frame.of(Mdp.WORKER), Frame.of(new byte[] {Mdp.HEARTBEAT}));
                heartbeats++;
                raw.send(Message.of(Mdp.workerCommand(Mdp.HEARTBEAT, List.of())));
            }
            assertThat(heartbeats).isGreaterThanOrEqualTo(10);
            assertThat(own.broker.workers()).isEqualTo(1);
            assertThat(own.broker.workersExpired()).isZero();
        }
    }

    @Test
    void workerHeartbeatsWhileIdle() {
        try (Socket broker = bed.context.socket(SocketType.ROUTER)) {
            broker.set(Option.LINGER, Duration.ZERO);
            String endpoint = broker.bind("tcp://127.0.0.1:*");
            try (MajordomoWorker worker = new MajordomoWorker(bed.context, List.of(endpoint), "echo", BrokerBed.HEARTBEAT,
                    BrokerBed.RECONNECT, BrokerBed.RECONNECT)) {
                worker.start(body -> body);
                Message ready = broker.receive(WAIT);
                assertThat(ready).isNotNull();
                assertThat(ready.frames().subList(1, 5)).containsExactly(Frame.EMPTY, Frame.of(Mdp.WORKER),
                        Frame.of(new byte[] {Mdp.READY}), Frame.of("echo"));
                Message heartbeat = broker.receive(WAIT);
                assertThat(heartbeat).isNotNull();
                assertThat(heartbeat.frames().subList(1, 4)).containsExactly(Frame.EMPTY, Frame.of(Mdp.WORKER),
                        Frame.of(new byte[] {Mdp.HEARTBEAT}));
                assertThat(heartbeat.frame(0)).as("same worker").isEqualTo(ready.frame(0));
            }
        }
    }

    @Test
    void workerReconnectsWhenTheBrokerIsSilent() {
        try (Socket silentBroker = bed.context.socket(SocketType.ROUTER)) {
            silentBroker.set(Option.LINGER, Duration.ZERO);
            String endpoint = silentBroker.bind("tcp://127.0.0.1:*");
            try (MajordomoWorker worker = new MajordomoWorker(bed.context, List.of(endpoint), "echo", BrokerBed.HEARTBEAT,
                    BrokerBed.RECONNECT, BrokerBed.RECONNECT)) {
                worker.start(body -> body);
                Frame first = awaitReady(silentBroker);
                Frame second = awaitReady(silentBroker);

                assertThat(second).as("a new socket: a new routing id").isNotEqualTo(first);
                assertThat(worker.reconnects()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void workerFailsOverToTheNextBrokerWhenItsBrokerIsSilent() {
        try (Socket silentBroker = bed.context.socket(SocketType.ROUTER)) {
            silentBroker.set(Option.LINGER, Duration.ZERO);
            String silent = silentBroker.bind("tcp://127.0.0.1:*");
            try (MajordomoWorker worker = new MajordomoWorker(bed.context, List.of(silent, bed.endpoint), "echo",
                    BrokerBed.HEARTBEAT, BrokerBed.RECONNECT, BrokerBed.RECONNECT)) {
                worker.start(body -> body);
                awaitReady(silentBroker);

                assertThat(bed.client(WAIT, 0).request("echo", "via the second")).isEqualTo("via the second");
                assertThat(worker.reconnects()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    /** Waits for a READY on a raw ROUTER, skipping heartbeats; returns the worker's routing id. */
    private static Frame awaitReady(Socket router) {
        for (;;) {
            Message m = router.receive(WAIT);
            assertThat(m).as("a READY").isNotNull();
            if (m.frame(3).byteAt(0) == Mdp.READY) {
                return m.frame(0);
            }
        }
    }

    private static Message receiveRequest(Socket raw) {
        for (;;) {
            Message m = raw.receive(WAIT);
            assertThat(m).as("a REQUEST").isNotNull();
            if (m.frame(2).byteAt(0) == Mdp.REQUEST) {
                return m;
            }
        }
    }

    private static byte receiveCommand(Socket raw) {
        for (;;) {
            Message m = raw.receive(WAIT);
            assertThat(m).as("a command from the broker").isNotNull();
            byte command = m.frame(2).byteAt(0);
            if (command != Mdp.HEARTBEAT) {
                return command;
            }
        }
    }
}
