package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Proxy;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** The Proxy with its frontend and backend on every transport: a streamer and a ROUTER/DEALER queue. */
@Timeout(60)
class ProxyChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @TransportTest
    void streamerForwardsEveryMessageInOrderAndEndsWithTheContext(TransportFixture fixture) throws Exception {
        Context ctx = peers.newContext();
        Socket front = Peers.socket(ctx, SocketType.PULL);
        Socket back = Peers.socket(ctx, SocketType.PUSH);
        Socket producer = Peers.socket(ctx, SocketType.PUSH);
        Socket consumer = Peers.socket(ctx, SocketType.PULL);
        Peers.marry(fixture, front, producer);
        Peers.marry(fixture, back, consumer);
        Thread proxy = Proxy.start(front, back, null, null);
        int n = 2_000;
        Thread sender = Peers.start("producer", () -> {
            for (int i = 0; i < n; i++) {
                producer.send(i % 10 == 0 ? Message.of("multi", "", Integer.toString(i)) : Message.of(Integer.toString(i)));
            }
        });
        for (int i = 0; i < n; i++) {
            Message m = consumer.receive(WAIT);
            assertThat(m).as("message %d", i).isNotNull();
            if (i % 10 == 0) {
                assertThat(m.toStrings()).containsExactly("multi", "", Integer.toString(i));
            } else {
                assertThat(m.toStrings()).containsExactly(Integer.toString(i));
            }
        }
        sender.join(WAIT.toMillis());
        ctx.close();
        proxy.join(WAIT.toMillis());
        assertThat(proxy.isAlive()).as("the proxy ends when the context closes").isFalse();
    }

    @TransportTest
    void queueReturnsEveryReplyToItsRequesterThroughRouterAndDealer(TransportFixture fixture) throws Exception {
        Context ctx = peers.newContext();
        Socket front = Peers.socket(ctx, SocketType.ROUTER);
        Socket back = Peers.socket(ctx, SocketType.DEALER);
        String frontEp = front.bind(fixture.endpoint());
        String backEp = back.bind(fixture.endpoint());
        List<Socket> workers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Socket rep = Peers.socket(ctx, SocketType.REP);
            Peers.connect(fixture, backEp, back, rep);
            workers.add(rep);
        }
        List<Socket> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Socket req = Peers.socket(ctx, SocketType.REQ);
            Peers.connect(fixture, frontEp, front, req);
            clients.add(req);
        }
        Thread proxy = Proxy.start(front, back, null, null);
        int[] served = new int[workers.size()];
        List<Thread> workerThreads = new ArrayList<>();
        for (int w = 0; w < workers.size(); w++) {
            Socket rep = workers.get(w);
            int id = w;
            workerThreads.add(Peers.start("worker-" + w, () -> {
                try {
                    for (Message m; (m = rep.receive()) != null; ) {
                        served[id]++;
                        rep.send(Message.of("worker " + id, m.first().toUtf8()));
                    }
                } catch (ZmqException.ContextClosedException e) {
                    // the test is over
                }
            }));
        }
        for (int i = 0; i < 20; i++) {
            for (int c = 0; c < clients.size(); c++) {
                assertThat(clients.get(c).send("client " + c + " request " + i, WAIT)).isTrue();
            }
            for (int c = 0; c < clients.size(); c++) {
                Message reply = clients.get(c).receive(WAIT);
                assertThat(reply).as("reply %d to client %d", i, c).isNotNull();
                assertThat(reply.frame(1).toUtf8()).isEqualTo("client " + c + " request " + i);
                assertThat(reply.first().toUtf8()).startsWith("worker ");
            }
        }
        ctx.close();
        proxy.join(WAIT.toMillis());
        for (Thread t : workerThreads) {
            t.join(WAIT.toMillis());
        }
        assertThat(proxy.isAlive()).isFalse();
        // The DEALER backend spreads the requests over both workers.
        assertThat(served[0] + served[1]).isEqualTo(40);
        assertThat(served[0]).isPositive();
        assertThat(served[1]).isPositive();
    }
}
