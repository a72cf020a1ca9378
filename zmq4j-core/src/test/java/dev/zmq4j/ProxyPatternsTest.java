package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two classic proxy patterns between zmq4j sockets: the REQ/REP queue and the PUB/SUB forwarder. */
@Timeout(60)
class ProxyPatternsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void queueBetweenSeveralRequestersAndSeveralWorkersReturnsEveryReplyToItsRequester() throws Exception {
        int clients = 4;
        int workers = 3;
        int requests = 100;
        // A thread each: the tasks block, and CompletableFuture's default pool may have fewer
        // threads than tasks (on JDK 25 with 2 CPUs it does, and the clients starved).
        ExecutorService threads = Executors.newCachedThreadPool();
        try (Context ctx = new Context()) {
            Socket front = ctx.socket(SocketType.ROUTER);
            Socket back = ctx.socket(SocketType.DEALER);
            String frontEndpoint = front.bind("tcp://127.0.0.1:*");
            String backEndpoint = back.bind("tcp://127.0.0.1:*");
            Thread proxy = Proxy.start(front, back, null, null);

            Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> workerDone = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                String name = "w" + w;
                Socket rep = ctx.socket(SocketType.REP);
                rep.connect(backEndpoint);
                served.put(name, new AtomicInteger());
                workerDone.add(CompletableFuture.runAsync(() -> {
                    try {
                        for (Message m; (m = rep.receive(WAIT)) != null; ) {
                            served.get(name).incrementAndGet();
                            rep.send(Message.of(m.frame(0).toUtf8(), name));
                        }
                    } catch (ZmqException e) {
                        // the context closed: this worker is done
                    }
                }, threads));
            }
            List<CompletableFuture<List<String>>> clientDone = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String name = "c" + c;
                Socket req = ctx.socket(SocketType.REQ);
                req.connect(frontEndpoint);
                clientDone.add(CompletableFuture.supplyAsync(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = 0; i < requests; i++) {
                        String request = name + ":" + i;
                        req.send(request);
                        Message reply = req.receive(WAIT);
                        if (reply == null) {
                            problems.add("no reply to " + request);
                            break;
                        }
                        if (reply.size() != 2 || !reply.frame(0).toUtf8().equals(request)
                                || !served.containsKey(reply.frame(1).toUtf8())) {
                            problems.add("request " + request + " got " + reply.toStrings());
                        }
                    }
                    return problems;
                }, threads));
            }
            for (int c = 0; c < clients; c++) {
                assertThat(clientDone.get(c).get()).as("client c%d", c).isEmpty();
            }
            int total = served.values().stream().mapToInt(AtomicInteger::get).sum();
            assertThat(total).as("requests served by the workers").isEqualTo(clients * requests);
            assertThat(proxy.isAlive()).isTrue();
            ctx.close();
            proxy.join(WAIT.toMillis());
            assertThat(proxy.isAlive()).as("the proxy ends with its context").isFalse();
            CompletableFuture.allOf(workerDone.toArray(CompletableFuture[]::new)).get();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void forwarderCarriesSubscriptionsUpstreamAndDeliversExactlyEachSubscribersMatches() throws Exception {
        String[] prefixes = {"a", "ab", "b"};
        String[] topics = {"a", "ab", "abc", "b", "ba", "c", "xa"};
        int rounds = 40;
        try (Context ctx = new Context()) {
            Socket front = ctx.socket(SocketType.XSUB);
            Socket back = ctx.socket(SocketType.XPUB);
            String frontEndpoint = front.bind("tcp://127.0.0.1:*");
            String backEndpoint = back.bind("tcp://127.0.0.1:*");
            Proxy.start(front, back, null, null);
            Socket pub = ctx.socket(SocketType.PUB);
            pub.connect(frontEndpoint);
            List<Socket> subs = new ArrayList<>();
            for (String prefix : prefixes) {
                Socket sub = ctx.socket(SocketType.SUB);
                sub.set(Option.SUBSCRIBE, prefix.getBytes());
                sub.connect(backEndpoint);
                subs.add(sub);
            }

            // The subscriptions travel SUB -> XPUB -> proxy -> XSUB -> PUB: publish a probe under
            // each prefix until every subscriber has seen its own.
            boolean[] synced = new boolean[prefixes.length];
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!allTrue(synced)) {
                assertThat(System.nanoTime() - deadline).as("subscriptions reached the publisher").isNegative();
                for (String prefix : prefixes) {
                    pub.send(prefix + "!sync");
                }
                for (int s = 0; s < prefixes.length; s++) {
                    for (Message m; (m = subs.get(s).receive(Duration.ofMillis(20))) != null; ) {
                        if (m.frame(0).toUtf8().equals(prefixes[s] + "!sync")) {
                            synced[s] = true;
                        }
                    }
                }
            }

            for (int r = 0; r < rounds; r++) {
                for (String t : topics) {
                    pub.send(Message.of(t + "|" + r, "body"));
                }
            }
            for (String prefix : prefixes) {
                pub.send(prefix + "!end");
            }

            for (int s = 0; s < prefixes.length; s++) {
                String prefix = prefixes[s];
                Map<String, Integer> counts = new HashMap<>();
                Set<String> foreign = new HashSet<>();
                for (; ; ) {
                    Message m = subs.get(s).receive(WAIT);
                    assertThat(m).as("subscriber %s: the end marker", prefix).isNotNull();
                    String first = m.frame(0).toUtf8();
                    if (!first.startsWith(prefix)) {
                        foreign.add(first);
                    }
                    if (first.equals(prefix + "!end")) {
                        break;
                    }
                    if (first.contains("!")) {
                        continue; // a late probe or another subscriber's end marker, under our prefix
                    }
                    assertThat(m.toStrings()).hasSize(2).last().isEqualTo("body");
                    counts.merge(first.substring(0, first.indexOf('|')), 1, Integer::sum);
                }
                Map<String, Integer> expected = new HashMap<>();
                for (String t : topics) {
                    if (t.startsWith(prefix)) {
                        expected.put(t, rounds);
                    }
                }
                assertThat(foreign).as("subscriber %s: messages outside its prefix", prefix).isEmpty();
                assertThat(counts).as("subscriber %s: messages per topic", prefix).isEqualTo(expected);
            }
        }
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean f : flags) {
            if (!f) {
                return false;
            }
        }
        return true;
    }
}
