package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY;
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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * zmq4j PUB, SUB, XPUB and XSUB against libzmq's (pyzmq 4.3.4): libzmq speaks ZMTP 3.1, so these
 * also check SUBSCRIBE/CANCEL commands both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PubSubInteropTest {
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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes the 1,000 topics in rounds on a thread of its own until stopped. */
    private static Thread publishRounds(Socket pub, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            for (int r = 0; !stop.get(); r++) {
                for (int j = 0; j < 1000; j++) {
                    pub.send(topic(j) + "|" + r);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void fiftyPythonSubscribersGetExactlyTheirTopicsFromAZmq4jPublisher() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Socket pub = socket(ctx, SocketType.PUB);
             PythonPeer peer = PythonPeer.connect("SUB", pub.bind(ANY), "subs seq 50")) {
            Thread t = publishRounds(pub, stop);
            try {
                assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK 50 subscribers got their topics");
            } finally {
                stop.set(true);
                t.join(STEP.toMillis());
            }
        }
    }

    @Test
    void fiftyZmq4jSubscribersGetExactlyTheirTopicsFromAPythonPublisher() {
        try (PythonPeer peer = PythonPeer.bind("PUB", ANY, "topics seq 0")) {
            String ep = peer.endpoint();
            List<Socket> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket s = socket(ctx, SocketType.SUB);
                    s.set(Option.SUBSCRIBE, bytes("t" + i + "."));
                    s.connect(ep);
                    subs.add(s);
                }
                for (int i = 0; i < 50; i++) {
                    Set<String> want = new HashSet<>();
                    for (int j = i; j < 1000; j += 50) {
                        want.add(topic(j));
                    }
                    Set<String> seen = new HashSet<>();
                    while (!seen.equals(want)) {
                        Message m = Interop.receive(subs.get(i), peer, "topics of subscriber " + i);
                        String t = m.frame(0).toUtf8().split("\\|")[0];
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

    @Test
    void zmq4jXpubSeesAPythonSubscribersSubscriptionAndPublishesToIt() {
        try (Socket xpub = socket(ctx, SocketType.XPUB);
             PythonPeer peer = PythonPeer.connect("SUB", xpub.bind(ANY), "recv seq 100 --prefix p: --subscribe p:")) {
            Message sub = Interop.receive(xpub, peer, "the subscription");
            assertThat(sub.frame(0).toByteArray()).containsExactly(1, 'p', ':');
            for (int i = 0; i < 100; i++) {
                xpub.send("other" + i);
                Interop.send(xpub, Message.of("p:" + i), peer);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK received 100");
        }
    }

    @Test
    void zmq4jXpubServesAPythonXsub() {
        try (Socket xpub = socket(ctx, SocketType.XPUB);
             PythonPeer peer = PythonPeer.connect("XSUB", xpub.bind(ANY), "recv seq 100 --prefix p: --subscribe p:")) {
            assertThat(Interop.receive(xpub, peer, "the subscription").frame(0).toByteArray()).containsExactly(1, 'p', ':');
            for (int i = 0; i < 100; i++) {
                Interop.send(xpub, Message.of("p:" + i), peer);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK received 100");
        }
    }

    @Test
    void zmq4jXsubSubscribesToAPythonXpub() {
        try (Socket xsub = socket(ctx, SocketType.XSUB);
             PythonPeer peer = PythonPeer.bind("XPUB", ANY, "xpub seq 100 --prefix p:")) {
            xsub.connect(peer.endpoint());
            xsub.send(new byte[] {1, 'p', ':'});
            assertThat(peer.awaitLine("SUBSCRIPTION", STEP)).isEqualTo("SUBSCRIPTION 01703a");
            for (int i = 0; i < 100; i++) {
                assertThat(Interop.receive(xsub, peer, "p:" + i).toStrings()).containsExactly("p:" + i);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK sent 100");
        }
    }

    @Test
    void zmq4jXpubServesAPythonXsubOverIpc() {
        try (Socket xpub = socket(ctx, SocketType.XPUB);
             PythonPeer peer = PythonPeer.connect("XSUB", xpub.bind(Interop.ANY_IPC), "recv seq 100 --prefix p: --subscribe p:")) {
            assertThat(Interop.receive(xpub, peer, "the subscription").frame(0).toByteArray()).containsExactly(1, 'p', ':');
            for (int i = 0; i < 100; i++) {
                Interop.send(xpub, Message.of("p:" + i), peer);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK received 100");
        }
    }

    @Test
    void zmq4jXsubSubscribesToAPythonXpubOverIpc() {
        try (Socket xsub = socket(ctx, SocketType.XSUB);
             PythonPeer peer = PythonPeer.bind("XPUB", Interop.ANY_IPC, "xpub seq 100 --prefix p:")) {
            xsub.connect(peer.endpoint());
            xsub.send(new byte[] {1, 'p', ':'});
            assertThat(peer.awaitLine("SUBSCRIPTION", STEP)).isEqualTo("SUBSCRIPTION 01703a");
            for (int i = 0; i < 100; i++) {
                assertThat(Interop.receive(xsub, peer, "p:" + i).toStrings()).containsExactly("p:" + i);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK sent 100");
        }
    }

    @Test
    void zmq4jXpubWithNodropWaitsForAPythonSubscriberInsteadOfDroppingAndItGetsEveryMessage() {
        int n = 20_000;
        try (Socket xpub = socket(ctx, SocketType.XPUB);
             PythonPeer peer = PythonPeer.connect("SUB", xpub.bind(ANY), "recv multipart " + n + " --subscribe=")) {
            xpub.set(Option.SNDHWM, 10);
            xpub.set(Option.XPUB_NODROP, true);
            assertThat(Interop.receive(xpub, peer, "the subscription to everything").frame(0).toByteArray()).containsExactly(1);
            // About 6 KB a message: far more than the kernel's and libzmq's buffers hold, so the
            // publisher, faster than the python reader, meets the HWM.
            int refused = 0;
            for (int i = 0; i < n; i++) {
                Message m = Payloads.message(Payloads.MULTIPART, i);
                if (!xpub.trySend(m)) {
                    refused++;
                    Interop.send(xpub, m, peer);
                }
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK received " + n);
            assertThat(refused).as("sends refused at the HWM").isPositive();
            assertThat(xpub.statistics().messagesDropped()).isZero();
        }
    }

    @Test
    void libzmqXpubUnderstandsTheSubscribeCommandOfAZmq4jSub() {
        try (Socket sub = socket(ctx, SocketType.SUB);
             PythonPeer peer = PythonPeer.bind("XPUB", ANY, "xpub seq 0")) {
            sub.connect(peer.endpoint());
            sub.set(Option.SUBSCRIBE, bytes("abc"));
            assertThat(peer.awaitLine("SUBSCRIPTION", STEP)).isEqualTo("SUBSCRIPTION 01616263");
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK sent 0");
        }
    }
}
