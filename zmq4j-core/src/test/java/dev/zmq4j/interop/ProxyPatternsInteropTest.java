package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY;
import static dev.zmq4j.interop.Interop.FINISH;
import static dev.zmq4j.interop.Interop.STEP;
import static dev.zmq4j.interop.Interop.socket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Proxy;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j proxies in the middle of libzmq (pyzmq) peers: an XSUB/XPUB forwarder between a python
 * PUB and python SUBs, and a ROUTER/DEALER queue between REQs and REPs of both implementations.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyPatternsInteropTest {
    private Context ctx;

    @BeforeEach
    void openContext() {
        PythonPeer.assumeAvailable();
        ctx = new Context();
    }

    @AfterEach
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void forwarderBetweenAPythonPublisherAndPythonSubscribersDeliversExactlyEachSubscribersTopics() {
        Socket front = socket(ctx, SocketType.XSUB);
        Socket back = socket(ctx, SocketType.XPUB);
        String frontEndpoint = front.bind(ANY);
        String backEndpoint = back.bind(ANY);
        Thread proxy = Proxy.start(front, back, null, null);
        // 20 SUBs in one process, SUB i subscribed to "t<i>.": each must see all 20 of its topics
        // and nothing else; the subscriptions reach the python PUB only through the proxy.
        try (PythonPeer subs = PythonPeer.connect("SUB", backEndpoint, "subs seq 20");
             PythonPeer pub = PythonPeer.connect("PUB", frontEndpoint, "topics seq 0")) {
            subs.awaitReady();
            assertThat(subs.awaitSuccess(FINISH)).isEqualTo("OK 20 subscribers got their topics");
            pub.closeStdin();
            assertThat(pub.awaitSuccess(FINISH)).startsWith("OK published");
        }
        assertThat(proxy.isAlive()).isTrue();
    }

    @Test
    void forwarderBetweenAPythonPublisherAndZmq4jAndPythonSubscribersFiltersByPrefix() {
        Socket front = socket(ctx, SocketType.XSUB);
        Socket back = socket(ctx, SocketType.XPUB);
        String frontEndpoint = front.bind(ANY);
        String backEndpoint = back.bind(ANY);
        Proxy.start(front, back, null, null);
        try (Socket sub = socket(ctx, SocketType.SUB);
             PythonPeer pySubs = PythonPeer.connect("SUB", backEndpoint, "subs seq 10");
             PythonPeer pub = PythonPeer.connect("PUB", frontEndpoint, "topics seq 0")) {
            sub.set(Option.SUBSCRIBE, "t7.".getBytes());
            sub.set(Option.SUBSCRIBE, "t42.".getBytes());
            sub.connect(backEndpoint);
            Set<String> want = new HashSet<>();
            for (int j = 0; j < 1000; j++) {
                if (j % 50 == 7 || j % 50 == 42) {
                    want.add("t" + (j % 50) + "." + j);
                }
            }
            Set<String> seen = new HashSet<>();
            int received = 0;
            while (!seen.equals(want)) {
                String t = Interop.receive(sub, pub, "topics t7. and t42.").frame(0).toUtf8().split("\\|")[0];
                assertThat(want).as("the zmq4j subscriber's topics").contains(t);
                seen.add(t);
                received++;
            }
            assertThat(received).isGreaterThanOrEqualTo(40);
            assertThat(pySubs.awaitSuccess(FINISH)).isEqualTo("OK 10 subscribers got their topics");
            pub.closeStdin();
            assertThat(pub.awaitSuccess(FINISH)).startsWith("OK published");
        }
    }

    /** A zmq4j ROUTER/DEALER queue, its backend and frontend endpoints. */
    private String[] startQueue() {
        Socket front = socket(ctx, SocketType.ROUTER);
        Socket back = socket(ctx, SocketType.DEALER);
        String[] endpoints = {front.bind(ANY), back.bind(ANY)};
        Proxy.start(front, back, null, null);
        return endpoints;
    }

    @Test
    void pythonAndZmq4jRequestersThroughAZmq4jQueueGetTheirOwnRepliesFromAPythonWorker() {
        int n = 150;
        String[] queue = startQueue();
        try (PythonPeer worker = PythonPeer.connect("REP", queue[1], "echo seq " + (3 * n));
             PythonPeer a = PythonPeer.connect("REQ", queue[0], "req seq " + n + " --prefix a:");
             PythonPeer b = PythonPeer.connect("REQ", queue[0], "req multipart " + n);
             Socket req = socket(ctx, SocketType.REQ)) {
            worker.awaitReady();
            req.connect(queue[0]);
            for (int i = 0; i < n; i++) {
                Message request = Message.of("z:" + i, "second frame " + i);
                Interop.send(req, request, worker);
                assertThat(Interop.receive(req, worker, "reply " + i).toStrings())
                        .as("reply to request %d", i).containsExactly("z:" + i, "second frame " + i);
            }
            assertThat(a.awaitSuccess(FINISH)).isEqualTo("OK " + n + " round trips");
            assertThat(b.awaitSuccess(FINISH)).isEqualTo("OK " + n + " round trips");
            assertThat(worker.awaitSuccess(FINISH)).isEqualTo("OK echoed " + (3 * n));
        }
    }

    @Test
    void pythonRequestersThroughAZmq4jQueueGetTheirOwnRepliesFromZmq4jWorkers() throws Exception {
        int n = 150;
        String[] queue = startQueue();
        AtomicInteger served = new AtomicInteger();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        // A thread each: the workers block, and CompletableFuture's default pool may have fewer
        // threads than tasks (on JDK 25 with 2 CPUs it does).
        ExecutorService threads = Executors.newCachedThreadPool();
        for (int w = 0; w < 2; w++) {
            Socket rep = socket(ctx, SocketType.REP);
            rep.connect(queue[1]);
            workers.add(CompletableFuture.runAsync(() -> {
                try {
                    for (Message m; (m = rep.receive(Duration.ofMinutes(2))) != null; ) {
                        served.incrementAndGet();
                        rep.send(m);
                    }
                } catch (ZmqException e) {
                    // the context closed at the end of the test
                }
            }, threads));
        }
        try (PythonPeer a = PythonPeer.connect("REQ", queue[0], "req seq " + n + " --prefix a:");
             PythonPeer b = PythonPeer.connect("REQ", queue[0], "req seq " + n + " --prefix b:");
             PythonPeer c = PythonPeer.connect("REQ", queue[0], "req multipart " + n)) {
            assertThat(a.awaitSuccess(FINISH)).isEqualTo("OK " + n + " round trips");
            assertThat(b.awaitSuccess(FINISH)).isEqualTo("OK " + n + " round trips");
            assertThat(c.awaitSuccess(FINISH)).isEqualTo("OK " + n + " round trips");
        }
        assertThat(served.get()).as("requests served by the zmq4j workers").isEqualTo(3 * n);
        ctx.close();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(STEP.toSeconds(), TimeUnit.SECONDS);
        threads.shutdownNow();
    }
}
