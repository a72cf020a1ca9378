package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY_IPC;
import static dev.zmq4j.interop.Interop.FINISH;
import static dev.zmq4j.interop.Interop.STEP;
import static dev.zmq4j.interop.Interop.socket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DEALER/ROUTER and PUB/SUB over ipc:// between zmq4j and libzmq (pyzmq), zmq4j on either side. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IpcPatternsInteropTest {
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

    private static String topic(int j) {
        return "t" + (j % 50) + "." + j;
    }

    @Test
    void zmq4jRouterOnIpcRoutesRepliesToEachPythonDealerByItsIdentity() {
        int dealers = 5;
        int rounds = 40;
        try (Socket router = socket(ctx, SocketType.ROUTER)) {
            String endpoint = router.bind(ANY_IPC);
            assertThat(endpoint).startsWith("ipc://");
            try (PythonPeer peer = PythonPeer.connect("DEALER", endpoint, "dealers seq " + dealers + " --rounds " + rounds)) {
                Map<String, Integer> perDealer = new HashMap<>();
                for (int k = 0; k < dealers * rounds; k++) {
                    Message m = Interop.receive(router, peer, "request " + k);
                    assertThat(m.size()).as("identity and body").isEqualTo(2);
                    String id = m.frame(0).toUtf8();
                    String body = m.frame(1).toUtf8();
                    assertThat(body).as("body from %s", id).startsWith(id + ":");
                    int round = perDealer.merge(id, 1, Integer::sum) - 1;
                    assertThat(body).isEqualTo(id + ":" + round);
                    Interop.send(router, m, peer);
                }
                assertThat(perDealer).hasSize(dealers).allSatisfy((id, count) -> assertThat(count).isEqualTo(rounds));
                assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK " + dealers + " dealers, " + rounds + " rounds");
            }
        }
    }

    @Test
    void zmq4jDealerTalksToAPythonRouterBoundOnIpc() {
        int n = 300;
        try (PythonPeer peer = PythonPeer.bind("ROUTER", ANY_IPC, "echo seq " + n);
             Socket dealer = socket(ctx, SocketType.DEALER)) {
            String endpoint = peer.endpoint();
            assertThat(endpoint).startsWith("ipc://");
            dealer.connect(endpoint);
            for (int i = 0; i < n; i++) {
                Message m = i % 3 == 0 ? Message.of("q" + i, "", "tail" + i) : Message.of("q" + i);
                Interop.send(dealer, m, peer);
                assertThat(Interop.receive(dealer, peer, "echo " + i).toStrings()).isEqualTo(m.toStrings());
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK echoed " + n);
        }
    }

    @Test
    void pythonSubscribersGetExactlyTheirTopicsFromAZmq4jPublisherOnIpc() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Socket pub = socket(ctx, SocketType.PUB)) {
            String endpoint = pub.bind(ANY_IPC);
            try (PythonPeer peer = PythonPeer.connect("SUB", endpoint, "subs seq 10")) {
                // PUB cannot tell when the subscriptions have arrived: publish rounds until the
                // subscribers are satisfied.
                Thread publisher = new Thread(() -> {
                    for (int r = 0; !stop.get(); r++) {
                        for (int j = 0; j < 1000; j++) {
                            pub.send(topic(j) + "|" + r);
                        }
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    }
                }, "publisher");
                publisher.setDaemon(true);
                publisher.start();
                try {
                    assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK 10 subscribers got their topics");
                } finally {
                    stop.set(true);
                    publisher.join(STEP.toMillis());
                }
            }
        }
    }

    @Test
    void zmq4jSubscribersGetExactlyTheirTopicsFromAPythonPublisherOnIpc() {
        try (PythonPeer peer = PythonPeer.bind("PUB", ANY_IPC, "topics seq 0")) {
            String endpoint = peer.endpoint();
            assertThat(endpoint).startsWith("ipc://");
            List<Socket> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    Socket s = socket(ctx, SocketType.SUB);
                    s.set(Option.SUBSCRIBE, ("t" + i + ".").getBytes(StandardCharsets.UTF_8));
                    s.connect(endpoint);
                    subs.add(s);
                }
                for (int i = 0; i < 10; i++) {
                    Set<String> want = new HashSet<>();
                    for (int j = i; j < 1000; j += 50) {
                        want.add(topic(j));
                    }
                    Set<String> seen = new HashSet<>();
                    while (!seen.equals(want)) {
                        String t = Interop.receive(subs.get(i), peer, "topics of subscriber " + i).frame(0).toUtf8().split("\\|")[0];
                        if (!want.contains(t)) {
                            fail("subscriber " + i + " got foreign topic " + t);
                        }
                        seen.add(t);
                    }
                }
                peer.closeStdin();
                assertThat(peer.awaitSuccess(FINISH)).startsWith("OK published");
            } finally {
                subs.forEach(Socket::close);
            }
        }
    }
}
