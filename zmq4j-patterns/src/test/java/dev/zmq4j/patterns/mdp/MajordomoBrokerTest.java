package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The broker's routing, MMI, queueing and protocol checks, with zmq4j's clients and workers over tcp. */
@Timeout(60)
class MajordomoBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final BrokerBed bed = new BrokerBed();

    @AfterEach
    void close() throws Exception {
        bed.close();
    }

    private static Message upper(Message body) {
        return Message.of(body.first().toUtf8().toUpperCase());
    }

    @Test
    void routesEachRequestToAWorkerOfItsService() {
        bed.worker("upper", MajordomoBrokerTest::upper);
        bed.worker("reverse", body -> Message.of(new StringBuilder(body.first().toUtf8()).reverse().toString()));
        MajordomoClient client = bed.client(WAIT, 0);

        assertThat(client.request("upper", "hello")).isEqualTo("HELLO");
        assertThat(client.request("reverse", "hello")).isEqualTo("olleh");
        assertThat(client.request("upper", "again")).isEqualTo("AGAIN");
        assertThat(bed.broker.requestsReceived()).isEqualTo(3);
        assertThat(bed.broker.repliesSent()).isEqualTo(3);
        assertThat(bed.broker.workers()).isEqualTo(2);
    }

    @Test
    void carriesMultipartBodiesBothWays() {
        bed.worker("swap", body -> Message.of(body.frame(1), body.frame(0)));
        MajordomoClient client = bed.client(WAIT, 0);

        Message reply = client.request("swap", Message.of(new byte[] {1, 2}, new byte[0]));

        assertThat(reply.frames()).containsExactly(Frame.of(new byte[0]), Frame.of(new byte[] {1, 2}));
    }

    @Test
    void queuesRequestsUntilAWorkerOfTheServiceAppears() {
        MajordomoAsyncClient client = bed.asyncClient();
        for (int i = 0; i < 5; i++) {
            client.send("late", Message.of("job " + i));
        }
        Await.until(() -> bed.broker.requestsReceived() == 5, WAIT, "the broker received the 5 requests");
        assertThat(client.receive(Duration.ofMillis(300))).as("no worker yet: no reply").isNull();

        bed.worker("late", MajordomoBrokerTest::upper);

        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            MajordomoAsyncClient.Reply reply = client.receive(WAIT);
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(reply.service()).isEqualTo("late");
            replies.add(reply.body().first().toUtf8());
        }
        assertThat(replies).as("one worker answers in order").containsExactly("JOB 0", "JOB 1", "JOB 2", "JOB 3", "JOB 4");
    }

    @Test
    void spreadsRequestsOverTheWorkersOfAService() {
        List<String> seen = new CopyOnWriteArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            bed.worker("pool", body -> {
                seen.add(name);
                return body;
            });
        }
        Await.until(() -> bed.broker.workers() == 3, WAIT, "3 workers registered");
        MajordomoAsyncClient client = bed.asyncClient();
        for (int i = 0; i < 30; i++) {
            client.send("pool", Message.of("job " + i));
        }
        for (int i = 0; i < 30; i++) {
            assertThat(client.receive(WAIT)).as("reply %d", i).isNotNull();
        }
        assertThat(seen).hasSize(30).contains("a", "b", "c");
    }

    @Test
    void mmiServiceAnswers200For_aServiceWithWorkers404OtherwiseAnd501ForOtherMmiNames() {
        MajordomoWorker worker = bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        MajordomoClient client = bed.client(WAIT, 0);

        assertThat(client.request(Mdp.MMI_SERVICE, "echo")).isEqualTo("200");
        assertThat(client.request(Mdp.MMI_SERVICE, "nobody")).isEqualTo("404");
        assertThat(client.request("mmi.unknown", "x")).isEqualTo("501");

        worker.close();
        Await.until(() -> bed.broker.workers() == 0, WAIT, "the worker's DISCONNECT reached the broker");
        assertThat(client.request(Mdp.MMI_SERVICE, "echo")).as("the service without a worker").isEqualTo("404");
    }

    @Test
    void clientOfAServiceWithoutWorkersGetsAClearExceptionAfterItsTries() {
        MajordomoClient client = bed.client(Duration.ofMillis(200), 2);

        assertThatThrownBy(() -> client.request("nobody", "hello"))
                .isInstanceOf(NoReplyException.class)
                .isInstanceOf(dev.zmq4j.ZmqException.class)
                .hasMessageContaining("'nobody'").hasMessageContaining(bed.endpoint).hasMessageContaining("3 tries")
                .satisfies(e -> {
                    NoReplyException n = (NoReplyException) e;
                    assertThat(n.service()).isEqualTo("nobody");
                    assertThat(n.endpoints()).containsExactly(bed.endpoint);
                    assertThat(n.tries()).isEqualTo(3);
                });
        // The client is still usable afterwards.
        bed.worker("nobody", body -> body);
        assertThat(client.request("nobody", "now")).isEqualTo("now");
    }

    @Test
    void requestsNotAdmittedAreDroppedSilently() {
        bed.worker("echo", body -> body);
        bed.broker.admission((client, service) -> !service.equals("echo"));
        MajordomoClient client = bed.client(Duration.ofMillis(300), 0);

        assertThatThrownBy(() -> client.request("echo", "refused")).isInstanceOf(NoReplyException.class);
        assertThat(bed.broker.requestsRefused()).isEqualTo(1);
        assertThat(bed.broker.requestsReceived()).isZero();

        bed.broker.admission(ClientAdmission.ALL);
        assertThat(client.request("echo", "admitted")).isEqualTo("admitted");
    }

    @Test
    void listenerIsToldEachStep() {
        List<String> events = new CopyOnWriteArrayList<>();
        bed.broker.listener(new BrokerListener() {
            @Override
            public void requestReceived(Frame client, String service, Message body) {
                events.add("request " + service + " " + body.first().toUtf8());
            }

            @Override
            public void replySent(Frame client, String service, Message body) {
                events.add("reply " + service + " " + body.first().toUtf8());
            }

            @Override
            public void workerReady(Frame worker, String service) {
                events.add("ready " + service);
            }
        });
        bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");

        assertThat(bed.client(WAIT, 0).request("echo", "hi")).isEqualTo("hi");

        Await.until(() -> events.size() == 3, WAIT, "3 events");
        assertThat(events).containsExactly("ready echo", "request echo hi", "reply echo hi");
    }

    @Test
    void workerBreakingTheProtocolIsSentDisconnect() {
        try (Socket raw = bed.context.socket(SocketType.DEALER)) {
            raw.set(Option.LINGER, Duration.ZERO);
            raw.connect(bed.endpoint);
            raw.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("echo")))));
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the raw worker registered");

            raw.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("echo")))));

            assertThat(receiveCommand(raw)).isEqualTo(Mdp.DISCONNECT);
            Await.until(() -> bed.broker.workers() == 0, WAIT, "the broker forgot the worker");
        }
    }

    @Test
    void workerRegisteringAnMmiServiceIsSentDisconnect() {
        try (Socket raw = bed.context.socket(SocketType.DEALER)) {
            raw.set(Option.LINGER, Duration.ZERO);
            raw.connect(bed.endpoint);
            raw.send(Message.of(Mdp.workerCommand(Mdp.READY, Mdp.frames(Frame.of("mmi.mine")))));

            assertThat(receiveCommand(raw)).isEqualTo(Mdp.DISCONNECT);
            assertThat(bed.broker.workers()).isZero();
        }
    }

    @Test
    void workerReconnectsWhenTheBrokerSendsDisconnect() {
        MajordomoWorker worker = bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        try (Socket raw = bed.context.socket(SocketType.DEALER)) {
            raw.set(Option.LINGER, Duration.ZERO);
            raw.connect(bed.endpoint);
            // A HEARTBEAT from an unknown worker is answered with DISCONNECT; the real worker is untouched.
            raw.send(Message.of(Mdp.workerCommand(Mdp.HEARTBEAT, List.of())));
            assertThat(receiveCommand(raw)).isEqualTo(Mdp.DISCONNECT);
        }
        assertThat(worker.reconnects()).isZero();
        assertThat(bed.client(WAIT, 0).request("echo", "still")).isEqualTo("still");
    }

    @Test
    void speaksRfc7FramesToADealerClientAndAWorker() {
        try (Socket client = bed.context.socket(SocketType.DEALER); Socket worker = bed.context.socket(SocketType.DEALER)) {
            client.set(Option.LINGER, Duration.ZERO);
            worker.set(Option.LINGER, Duration.ZERO);
            worker.connect(bed.endpoint);
            client.connect(bed.endpoint);
            worker.send(Message.of(Frame.EMPTY, Frame.of("MDPW01"), Frame.of(new byte[] {0x01}), Frame.of("wire")));
            Await.until(() -> bed.broker.workers() == 1, WAIT, "the raw worker registered");

            client.send(Message.of(Frame.EMPTY, Frame.of("MDPC01"), Frame.of("wire"), Frame.of("a"), Frame.of("b")));

            Message request = worker.receive(WAIT);
            assertThat(request).isNotNull();
            assertThat(request.size()).isEqualTo(7);
            assertThat(request.frames().subList(0, 3)).containsExactly(Frame.EMPTY, Frame.of("MDPW01"), Frame.of(new byte[] {0x02}));
            Frame clientAddress = request.frame(3);
            assertThat(request.frames().subList(4, 7)).containsExactly(Frame.EMPTY, Frame.of("a"), Frame.of("b"));

            worker.send(Message.of(Frame.EMPTY, Frame.of("MDPW01"), Frame.of(new byte[] {0x03}), clientAddress, Frame.EMPTY,
                    Frame.of("c")));

            Message reply = client.receive(WAIT);
            assertThat(reply).isNotNull();
            assertThat(reply.frames()).containsExactly(Frame.EMPTY, Frame.of("MDPC01"), Frame.of("wire"), Frame.of("c"));
        }
    }

    @Test
    void queuedRequestsExpireAfterTheRequestTtl() {
        bed.broker.requestTtl(Duration.ofMillis(100));
        List<String> expired = new CopyOnWriteArrayList<>();
        bed.broker.listener(new BrokerListener() {
            @Override
            public void requestExpired(Frame client, String service) {
                expired.add(service);
            }
        });
        MajordomoAsyncClient client = bed.asyncClient();
        client.send("nobody", Message.of("stale"));
        Await.until(() -> expired.size() == 1, WAIT, "the request expired");

        bed.worker("nobody", body -> body);
        client.send("nobody", Message.of("fresh"));

        MajordomoAsyncClient.Reply reply = client.receive(WAIT);
        assertThat(reply).isNotNull();
        assertThat(reply.body().first().toUtf8()).as("the expired request was never served").isEqualTo("fresh");
        assertThat(expired).containsExactly("nobody");
    }

    @Test
    void brokerClosesWithinItsBound() {
        bed.worker("echo", body -> body);
        Await.until(() -> bed.broker.workers() == 1, WAIT, "the worker registered");
        long start = System.nanoTime();

        bed.broker.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThatThrownBy(() -> bed.broker.bind("tcp://127.0.0.1:*")).isInstanceOf(dev.zmq4j.ZmqException.class);
    }

    private static byte receiveCommand(Socket raw) {
        for (;;) {
            Message m = raw.receive(WAIT);
            assertThat(m).as("a command from the broker").isNotNull();
            assertThat(m.frame(0).isEmpty()).isTrue();
            assertThat(m.frame(1).toUtf8()).isEqualTo(Mdp.WORKER);
            byte command = m.frame(2).byteAt(0);
            if (command != Mdp.HEARTBEAT) {
                return command;
            }
        }
    }
}
