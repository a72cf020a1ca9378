package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PubSubTest {
    private static final String ANY = "tcp://127.0.0.1:*";
    private static final Duration STEP = Duration.ofSeconds(10);
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Topic j of 1,000: {@code t<j % 50>.<j>}, so the prefix {@code t<i>.} matches 20 topics. */
    static String topic(int j) {
        return "t" + (j % 50) + "." + j;
    }

    /**
     * Publishes {@code t<i>.sync} for every subscriber prefix until each subscriber has received
     * one: from then on, everything published reaches them.
     */
    static void awaitSubscribed(Socket pub, List<Socket> subs, int prefixes) {
        boolean[] synced = new boolean[subs.size()];
        Await.until(() -> {
            for (int i = 0; i < prefixes; i++) {
                pub.send("t" + i + ".sync");
            }
            boolean all = true;
            for (int i = 0; i < subs.size(); i++) {
                while (!synced[i] && subs.get(i).tryReceive() != null) {
                    synced[i] = true;
                }
                all &= synced[i];
            }
            return all;
        }, STEP, "not every subscriber got a sync message");
    }

    /** Receives until {@code t<i>.end}, returning the topics received (sync messages skipped). */
    static List<String> receiveUntilEnd(Socket sub, int i) {
        List<String> got = new ArrayList<>();
        for (;;) {
            Message m = sub.receive(STEP);
            assertThat(m).as("subscriber " + i + " after " + got.size() + " topics").isNotNull();
            String t = m.frame(0).toUtf8();
            if (t.equals("t" + i + ".end")) {
                return got;
            }
            if (!t.endsWith(".sync")) {
                got.add(t);
            }
        }
    }

    @Test
    void eachOfFiftySubscribersGetsExactlyTheTopicsItsPrefixMatches() {
        Socket pub = socket(SocketType.PUB);
        String ep = pub.bind(ANY);
        List<Socket> subs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Socket s = socket(SocketType.SUB);
            s.set(Option.SUBSCRIBE, bytes("t" + i + "."));
            s.connect(ep);
            subs.add(s);
        }
        awaitSubscribed(pub, subs, 50);
        for (int j = 0; j < 1000; j++) {
            pub.send(Message.of(topic(j), "body " + j));
        }
        for (int i = 0; i < 50; i++) {
            pub.send("t" + i + ".end");
        }
        for (int i = 0; i < 50; i++) {
            List<String> want = new ArrayList<>();
            for (int j = i; j < 1000; j += 50) {
                want.add(topic(j));
            }
            assertThat(receiveUntilEnd(subs.get(i), i)).as("subscriber " + i).containsExactlyElementsOf(want);
        }
    }

    @Test
    void emptySubscriptionReceivesEverythingAndNoSubscriptionNothing() {
        Socket pub = socket(SocketType.PUB);
        String ep = pub.bind(ANY);
        Socket all = socket(SocketType.SUB);
        all.set(Option.SUBSCRIBE, new byte[0]);
        all.connect(ep);
        Socket none = socket(SocketType.SUB);
        none.connect(ep);
        Await.until(() -> {
            pub.send("sync");
            return all.tryReceive() != null;
        }, STEP, "the subscriber to everything got nothing");
        pub.send("x");
        pub.send(Message.of("y", "z"));
        Message m;
        do {
            m = all.receive(STEP);
        } while (m.frame(0).toUtf8().equals("sync"));
        assertThat(m.toStrings()).containsExactly("x");
        assertThat(all.receive(STEP).toStrings()).containsExactly("y", "z");
        assertThat(none.receive(Duration.ofMillis(200))).isNull();
    }

    @Test
    void unsubscribeStopsDeliveryAndSubCannotSendNorPubReceive() {
        Socket pub = socket(SocketType.PUB);
        String ep = pub.bind(ANY);
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("a"));
        sub.set(Option.SUBSCRIBE, bytes("b"));
        sub.connect(ep);
        Await.until(() -> {
            pub.send("a-sync");
            return sub.tryReceive() != null;
        }, STEP, "no subscription arrived");
        sub.set(Option.UNSUBSCRIBE, bytes("a"));
        // Once "b-marker" arrives after the cancel took effect, no "a" may follow it.
        Await.until(() -> {
            pub.send("a-late");
            pub.send("b-marker");
            Message m = sub.receive(Duration.ofMillis(100));
            while (m != null && m.frame(0).toUtf8().startsWith("a")) {
                m = sub.receive(Duration.ofMillis(100));
            }
            return m != null && pub.send("a-after") && sub.receive(Duration.ofMillis(100)) == null;
        }, STEP, "the cancel never took effect");
        assertThatThrownBy(() -> sub.send("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> pub.receive(Duration.ZERO)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void slowSubscriberAtHighWaterMarkMissesMessagesWhileThePublisherNeverBlocksAndOthersGetAll() throws Exception {
        Socket pub = socket(SocketType.PUB);
        pub.set(Option.SNDHWM, 2000);
        String ep = pub.bind(ANY);
        Socket slow = socket(SocketType.SUB);
        slow.set(Option.RCVHWM, 10);
        slow.set(Option.SUBSCRIBE, new byte[0]);
        slow.connect(ep);
        Socket fast = socket(SocketType.SUB);
        fast.set(Option.SUBSCRIBE, new byte[0]);
        fast.connect(ep);
        awaitSubscribed(pub, List.of(slow, fast), 1);
        // Drain what the sync put in the slow subscriber, so that its counting starts clean.
        while (slow.receive(Duration.ofMillis(100)) != null) {
            continue;
        }
        byte[] payload = new byte[1024];
        int batches = 60;
        int perBatch = 1000;
        long worstSendNanos = 0;
        for (int b = 0; b < batches; b++) {
            for (int k = 0; k < perBatch; k++) {
                int n = b * perBatch + k;
                payload[0] = (byte) n;
                long t0 = System.nanoTime();
                assertThat(pub.trySend(Message.of(bytes("m" + n), payload.clone()))).isTrue();
                worstSendNanos = Math.max(worstSendNanos, System.nanoTime() - t0);
            }
            for (int k = 0; k < perBatch; k++) {
                Message m;
                do {
                    m = fast.receive(STEP);
                    assertThat(m).as("fast subscriber, batch " + b + " message " + k).isNotNull();
                } while (m.frame(0).toUtf8().endsWith(".sync"));
                assertThat(m.frame(0).toUtf8()).isEqualTo("m" + (b * perBatch + k));
            }
        }
        int slowGot = 0;
        int last = -1;
        Message m;
        while ((m = slow.receive(Duration.ofMillis(500))) != null) {
            String t = m.frame(0).toUtf8();
            if (t.endsWith(".sync")) {
                continue;
            }
            int n = Integer.parseInt(t.substring(1));
            assertThat(n).as("slow subscriber's messages stay in order").isGreaterThan(last);
            last = n;
            slowGot++;
        }
        assertThat(slowGot).as("messages the slow subscriber got").isGreaterThan(0).isLessThan(batches * perBatch);
        assertThat(worstSendNanos).as("longest send, ns").isLessThan(Duration.ofSeconds(2).toNanos());
        assertThat(pub.statistics().messagesDropped())
                .as("every message the slow subscriber missed is counted as dropped at the publisher")
                .isEqualTo((long) batches * perBatch - slowGot);
    }

    @Test
    void subscriberConnectingToAPublisherThatRestartsSubscribesAgain() {
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("news"));
        sub.set(Option.RECONNECT_IVL, Duration.ofMillis(20));
        String ep;
        try (Socket pub = socket(SocketType.PUB)) {
            ep = pub.bind(ANY);
            sub.connect(ep);
            Await.until(() -> {
                pub.send("news 1");
                return sub.tryReceive() != null;
            }, STEP, "first publisher never reached");
        }
        Socket pub2 = socket(SocketType.PUB);
        Await.until(() -> {
            try {
                pub2.bind(ep);
                return true;
            } catch (ZmqException.AddressInUseException e) {
                return false;
            }
        }, STEP, "port not free again");
        Await.until(() -> {
            pub2.send("news 2");
            Message m = sub.tryReceive();
            return m != null && m.frame(0).toUtf8().equals("news 2");
        }, STEP, "the restarted publisher never got the subscription");
    }

    @Test
    void xpubSeesEachTopicsFirstSubscribeAndLastCancel() {
        Socket xpub = socket(SocketType.XPUB);
        String ep = xpub.bind(ANY);
        Socket a = socket(SocketType.SUB);
        a.set(Option.SUBSCRIBE, bytes("x"));
        a.connect(ep);
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(1, 'x');
        Socket b = socket(SocketType.SUB);
        b.set(Option.SUBSCRIBE, bytes("x"));
        b.set(Option.SUBSCRIBE, bytes("y"));
        b.connect(ep);
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(1, 'y');
        a.set(Option.UNSUBSCRIBE, bytes("x"));
        b.set(Option.UNSUBSCRIBE, bytes("x"));
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(0, 'x');
        assertThat(xpub.receive(Duration.ofMillis(200))).isNull();
        // A subscriber that leaves cancels what only it subscribed to.
        b.close();
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(0, 'y');
    }

    @Test
    void verboseXpubSeesEverySubscribeAndVerboserEveryCancel() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(Option.XPUB_VERBOSER, true);
        String ep = xpub.bind(ANY);
        Socket a = socket(SocketType.SUB);
        a.connect(ep);
        Socket b = socket(SocketType.SUB);
        b.connect(ep);
        a.set(Option.SUBSCRIBE, bytes("t"));
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(1, 't');
        b.set(Option.SUBSCRIBE, bytes("t"));
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(1, 't');
        a.set(Option.UNSUBSCRIBE, bytes("t"));
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(0, 't');
    }

    @Test
    void manualXpubAppliesOnlyTheSubscriptionsTheApplicationSets() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(Option.XPUB_MANUAL, true);
        String ep = xpub.bind(ANY);
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, bytes("asked"));
        sub.connect(ep);
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).startsWith(1).endsWith(bytes("asked"));
        xpub.send("asked: not applied yet");
        xpub.set(Option.SUBSCRIBE, bytes("given"));
        // The SUB filters by its own subscriptions too: subscribe it to "given" as well.
        sub.set(Option.SUBSCRIBE, bytes("given"));
        Await.until(() -> {
            xpub.send("given 1");
            return sub.tryReceive() != null;
        }, STEP, "the manual subscription never applied");
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).startsWith(1).endsWith(bytes("given"));
        xpub.send("asked: still not applied");
        xpub.send("given end");
        Message m;
        do {
            m = sub.receive(STEP);
            assertThat(m.frame(0).toUtf8()).startsWith("given");
        } while (!m.frame(0).toUtf8().equals("given end"));
    }

    @Test
    void xpubWelcomesEachNewSubscriberAndXsubSendsSubscriptionsAsMessages() {
        Socket xpub = socket(SocketType.XPUB);
        xpub.set(Option.XPUB_WELCOME_MSG, bytes("welcome"));
        String ep = xpub.bind(ANY);
        Socket xsub = socket(SocketType.XSUB);
        xsub.connect(ep);
        assertThat(xsub.receive(STEP).toStrings()).containsExactly("welcome");
        xsub.send(new byte[] {1, 'q'});
        assertThat(xpub.receive(STEP).frame(0).toByteArray()).containsExactly(1, 'q');
        xpub.send("q1");
        xpub.send("other");
        xpub.send("q2");
        assertThat(xsub.receive(STEP).toStrings()).containsExactly("q1");
        assertThat(xsub.receive(STEP).toStrings()).containsExactly("q2");
    }
}
