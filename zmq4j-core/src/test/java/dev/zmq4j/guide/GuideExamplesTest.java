package dev.zmq4j.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.ConnectionStatistics;
import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketStatistics;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.auth.Authenticator;
import dev.zmq4j.security.CurveKeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every Java snippet of docs/GUIDE.md, run. Each {@code // guide: NAME} marker starts the code of
 * the guide's snippet marked {@code <!-- guide: NAME -->}; {@link GuideSyncTest} checks that the
 * snippet's lines appear here in order (the test may add assertions between them).
 */
@Timeout(60)
class GuideExamplesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void requestReply() {
        // guide: req-rep
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            String endpoint = rep.bind("tcp://127.0.0.1:*");   // the port chosen is in the endpoint returned
            req.connect(endpoint);

            req.send("Hello");
            String request = rep.receiveString();             // "Hello"
            assertThat(request).isEqualTo("Hello");
            rep.send("World");
            String reply = req.receiveString();               // "World"
            assertThat(reply).isEqualTo("World");
        }
    }

    @Test
    void publishSubscribe() {
        // guide: pub-sub
        try (Context ctx = new Context();
             Socket pub = ctx.socket(SocketType.PUB);
             Socket sub = ctx.socket(SocketType.SUB)) {
            sub.set(Option.SUBSCRIBE, "weather.".getBytes());  // a byte prefix; empty = everything
            sub.connect(pub.bind("tcp://127.0.0.1:*"));

            // The slow joiner: what is published before the subscription arrives is lost.
            Message update;
            do {
                pub.send("sports.football 2:1");                  // filtered out at the publisher
                pub.send("weather.paris 21C");
                update = sub.receive(Duration.ofMillis(100));
            } while (update == null);
            String text = update.first().toUtf8();                // "weather.paris 21C"
            assertThat(text).isEqualTo("weather.paris 21C");
        }
    }

    @Test
    void pipeline() throws Exception {
        // guide: push-pull
        List<Thread> workers = new ArrayList<>();
        List<String> done = new ArrayList<>();
        AtomicInteger stopped = new AtomicInteger();
        try (Context ctx = new Context();
             Socket ventilator = ctx.socket(SocketType.PUSH);
             Socket sink = ctx.socket(SocketType.PULL)) {
            ventilator.bind("inproc://tasks");
            sink.bind("inproc://results");
            for (int w = 0; w < 3; w++) {
                Socket in = ctx.socket(SocketType.PULL);          // a socket may be used from any thread
                Socket out = ctx.socket(SocketType.PUSH);
                in.connect("inproc://tasks");
                out.connect("inproc://results");
                Thread worker = new Thread(() -> {
                    try {
                        while (true) {
                            out.send(in.receiveString().toUpperCase());
                        }
                    } catch (ZmqException.ContextClosedException e) {
                        // the context was closed (libzmq's ETERM): the worker's end
                        stopped.incrementAndGet();
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (int i = 0; i < 30; i++) {
                ventilator.send("task " + i);                     // round-robin over the workers
            }
            for (int i = 0; i < 30; i++) {
                done.add(sink.receiveString());                   // fair-queued from every worker
            }
        }                                                         // closing the context wakes the workers
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(done).hasSize(30).allSatisfy(r -> assertThat(r).startsWith("TASK "));
        assertThat(stopped).hasValue(3);
    }

    @Test
    void dealerRouter() {
        // guide: dealer-router
        try (Context ctx = new Context();
             Socket router = ctx.socket(SocketType.ROUTER);
             Socket dealer = ctx.socket(SocketType.DEALER)) {
            dealer.set(Option.ROUTING_ID, "client-1".getBytes());
            dealer.connect(router.bind("tcp://127.0.0.1:*"));

            dealer.send(Message.of("", "ping"));                  // an empty delimiter, as a REQ would send
            Message request = router.receive();                    // [client-1, "", ping]
            assertThat(request.toStrings()).containsExactly("client-1", "", "ping");
            Frame from = request.first();                          // the routing id: where the reply goes
            router.send(Message.of(from, Frame.EMPTY, Frame.of("pong")));
            Message reply = dealer.receive();                      // ["", pong]
            assertThat(reply.toStrings()).containsExactly("", "pong");
        }
    }

    @Test
    void highWaterMarks() {
        // guide: hwm
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            push.set(Option.SNDHWM, 100);                         // messages queued per peer, not bytes
            pull.set(Option.RCVHWM, 100);
            push.connect(pull.bind("inproc://hwm"));

            int accepted = 0;
            while (push.send("job " + accepted, Duration.ofMillis(200))) {
                accepted++;                                         // nobody reads: the queues fill up
            }
            // accepted == 200: SNDHWM + RCVHWM over inproc; then send waits, and gives up after 200 ms
            assertThat(accepted).isEqualTo(200);
            boolean queued = push.trySend("one more");             // false: trySend never waits
            assertThat(queued).isFalse();
        }
    }

    @Test
    void linger() {
        // guide: linger
        try (Context ctx = new Context()) {
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ofMillis(500));      // default 30 s; Duration.ZERO drops at once
            push.connect("tcp://127.0.0.1:5999");                 // nobody there (yet)
            push.send("last words");                              // queued for the peer to come
            assertThat(push.statistics().queuedOut()).isEqualTo(1);
            long start = System.nanoTime();
            push.close();                                         // waits up to 500 ms for a peer to take it
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void multipart() {
        // guide: multipart
        try (Context ctx = new Context();
             Socket push = ctx.socket(SocketType.PUSH);
             Socket pull = ctx.socket(SocketType.PULL)) {
            push.connect(pull.bind("inproc://multipart"));

            push.send(Message.of("header", "body"));              // a whole message at once
            push.sendMore("key");                                  // or frame by frame:
            push.send("value");                                    // the last frame sends them all

            Message first = pull.receive();                        // [header, body], never half of it
            assertThat(first.toStrings()).containsExactly("header", "body");
            List<String> frames = new ArrayList<>();
            do {
                frames.add(pull.receiveString());                  // key, then value
            } while (pull.hasReceiveMore());
            assertThat(frames).containsExactly("key", "value");
        }
    }

    @Test
    void polling() {
        // guide: poller
        try (Context ctx = new Context();
             Socket tasks = ctx.socket(SocketType.PULL);
             Socket control = ctx.socket(SocketType.PULL);
             Socket taskSender = ctx.socket(SocketType.PUSH);
             Socket controlSender = ctx.socket(SocketType.PUSH);
             Poller poller = new Poller()) {
            taskSender.connect(tasks.bind("inproc://poll-tasks"));
            controlSender.connect(control.bind("inproc://poll-control"));
            poller.register(tasks, Poller.Event.READABLE);
            poller.register(control, Poller.Event.READABLE);
            taskSender.send("task 1");
            controlSender.send("stop");

            int handled = 0;
            boolean running = true;
            while (running && poller.poll(Duration.ofSeconds(1)) > 0) {
                if (poller.isReadable(tasks)) {
                    tasks.tryReceive();                           // readable: a message is there now
                    handled++;
                }
                if (poller.isReadable(control)) {
                    running = !control.tryReceive().first().toUtf8().equals("stop");
                }
            }
            assertThat(running).isFalse();
            assertThat(handled).isEqualTo(1);
        }
    }

    @Test
    void monitoring() {
        // guide: monitor
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH);
             Monitor events = pull.monitor(EnumSet.of(SocketEvent.Type.ACCEPTED, SocketEvent.Type.DISCONNECTED))) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            SocketEvent accepted = events.next(Duration.ofSeconds(5)); // ACCEPTED tcp://127.0.0.1:… peer tcp://127.0.0.1:…
            assertThat(accepted.type()).isEqualTo(SocketEvent.Type.ACCEPTED);

            push.send("hello");
            pull.receive();
            SocketStatistics traffic = pull.statistics();          // messagesIn 1, bytesIn 5, queuedIn 0, ...
            Await.until(() -> pull.connectionStatistics().handshakesSucceeded() == 1, WAIT, "handshake counted");
            ConnectionStatistics connections = pull.connectionStatistics(); // open 1, accepted 1, handshakesSucceeded 1, ...
            assertThat(traffic.messagesIn()).isEqualTo(1);
            assertThat(traffic.bytesIn()).isEqualTo(5);
            assertThat(connections.open()).isEqualTo(1);
            assertThat(connections.accepted()).isEqualTo(1);
        }
    }

    @Test
    void plainWithZap() {
        // guide: plain
        try (Context ctx = new Context();
             Authenticator auth = Authenticator.install(ctx).plain(Map.of("alice", "secret"));
             Socket server = ctx.socket(SocketType.REP);
             Socket client = ctx.socket(SocketType.REQ)) {
            server.set(Option.PLAIN_SERVER, true);
            client.set(Option.PLAIN_USERNAME, "alice");
            client.set(Option.PLAIN_PASSWORD, "secret");
            client.connect(server.bind("tcp://127.0.0.1:*"));

            client.send("hi");
            Message request = server.receive();
            String user = request.property("User-Id").orElseThrow(); // "alice", as the ZAP handler said
            assertThat(user).isEqualTo("alice");
        }
    }

    @Test
    void curveWithZap() {
        // guide: curve
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        try (Context ctx = new Context();
             Authenticator auth = Authenticator.install(ctx).curveAllowAny(); // or .curve(Path.of("certs/clients"))
             Socket server = ctx.socket(SocketType.REP);
             Socket client = ctx.socket(SocketType.REQ)) {
            server.set(Option.CURVE_SERVER, true);
            server.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
            client.set(Option.CURVE_SERVERKEY, serverKeys.publicKey()); // the server's public key, known in advance
            client.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
            client.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
            client.connect(server.bind("tcp://127.0.0.1:*"));

            client.send("secret plans");
            Message request = server.receive();
            String key = request.property("Curve-Public-Key").orElseThrow(); // the client's key, Z85
            assertThat(key).isEqualTo(clientKeys.publicKeyZ85());
        }
    }
}
