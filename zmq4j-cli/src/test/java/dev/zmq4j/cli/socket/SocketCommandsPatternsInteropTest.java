package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More socket commands against pyzmq (libzmq 4.3) peers: pub (waiting for its subscriber),
 * pair both ways, xsub and xpub, the queue and forwarder proxies, and option flags a peer sees.
 */
@Timeout(60)
class SocketCommandsPatternsInteropTest {
    private static final String ANY = "tcp://127.0.0.1:*";
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void needsPyzmq() {
        Pyzmq.assumeAvailable();
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void pubWaitsForAPyzmqSubscriberThenPublishesEachLine() throws Exception {
        CommandRun pub = new CommandRun("pub", "a\nb\tc\nd\n");
        Future<Integer> exit = executor.submit(() -> pub.execute("--bind", ANY, "--wait-subscribers", "1", "--timeout", "20s"));
        try (Pyzmq sub = Pyzmq.start("SUB", "connect", pub.bound(), "recv 3")) {
            assertThat(exit.get(20, TimeUnit.SECONDS)).as("errors: %s", pub.err).isZero();
            assertThat(sub.awaitSuccess()).containsExactly("[\"a\"]", "[\"b\", \"c\"]", "[\"d\"]");
        }
    }

    @Test
    void pubWithoutItsSubscribersTimesOutWithStatusOne() {
        CommandRun pub = new CommandRun("pub", "a\n");
        assertThat(pub.execute("--bind", ANY, "--wait-subscribers", "1", "--timeout", "200ms")).isEqualTo(ExitStatus.TIMED_OUT);
        assertThat(pub.err.toString()).contains("0 of 1 subscriptions within");
    }

    @Test
    void pairConnectsToAPyzmqPairThatEchoes() {
        try (Pyzmq peer = Pyzmq.start("PAIR", "bind", ANY, "echo 2")) {
            CommandRun pair = new CommandRun("pair", "a\nb\n");
            assertThat(pair.execute("--connect", peer.endpoint(), "--count", "2", "--timeout", "20s")).isZero();
            assertThat(pair.lines()).containsExactly("a", "b");
            assertThat(peer.awaitSuccess()).containsExactly("[\"a\"]", "[\"b\"]");
        }
    }

    @Test
    void pairBindsForAPyzmqPairAndTalksBothWays() throws Exception {
        // The peer answers what it gets: our line goes out before the one message --count waits
        // for comes back, so the command cannot end (at --count) before its input was sent.
        CommandRun pair = new CommandRun("pair", "x\n");
        Future<Integer> exit = executor.submit(() -> pair.execute("--bind", ANY, "--count", "1"));
        try (Pyzmq peer = Pyzmq.start("PAIR", "connect", pair.bound(), "echo 1")) {
            assertThat(peer.awaitSuccess()).containsExactly("[\"x\"]");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(pair.lines()).containsExactly("x");
        }
    }

    @Test
    void xsubSubscribesToAPyzmqXpubAndGetsOnlyItsPrefix() {
        try (Pyzmq xpub = Pyzmq.start("XPUB", "bind", ANY, "xpub 2 weather")) {
            CommandRun xsub = new CommandRun("xsub");
            assertThat(xsub.execute("--connect", xpub.endpoint(), "--subscribe", "weather", "--count", "2", "--timeout", "20s")).isZero();
            assertThat(xsub.lines()).containsExactly("weather-0", "weather-1");
            xpub.awaitSuccess();
        }
    }

    @Test
    void xpubPrintsAPyzmqSubscriptionThenPublishesToIt() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        CommandRun xpub = new CommandRun("xpub", new PipedInputStream(stdin));
        Future<Integer> exit = executor.submit(() -> xpub.execute("--bind", ANY, "--format", "hex", "--count", "2"));
        try (Pyzmq sub = Pyzmq.start("SUB", "connect", xpub.bound(), "recv 1 news")) {
            xpub.awaitLines(1);
            assertThat(xpub.lines()).containsExactly("01" + "6e657773");
            stdin.write("sport\nnews-1\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(sub.awaitSuccess()).containsExactly("[\"news-1\"]");
            // The SUB's exit ends its subscription: the XPUB passes on the unsubscription (0x00).
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(xpub.lines()).containsExactly("01" + "6e657773", "00" + "6e657773");
        } finally {
            stdin.close();
        }
    }

    @Test
    void queueProxyCarriesRequestsFromAPyzmqReqToAPyzmqRepAndBack() throws Exception {
        CommandRun proxy = new CommandRun("proxy");
        LinkedBlockingQueue<String> bound = new LinkedBlockingQueue<>();
        ((ProxyCommand) proxy.command()).boundListener = bound::add;
        Future<Integer> exit = executor.submit(() -> proxy.execute("queue", ANY, ANY));
        String frontend = bound.poll(10, TimeUnit.SECONDS).substring("frontend ".length());
        String backend = bound.poll(10, TimeUnit.SECONDS).substring("backend ".length());
        try (Pyzmq rep = Pyzmq.start("REP", "connect", backend, "echo 2");
             Pyzmq req = Pyzmq.start("REQ", "connect", frontend, "req 2")) {
            assertThat(req.awaitSuccess()).containsExactly("[\"q-0\"]", "[\"q-1\"]");
            assertThat(rep.awaitSuccess()).containsExactly("[\"q-0\"]", "[\"q-1\"]");
        } finally {
            ((ProxyCommand) proxy.command()).stop();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.INTERRUPTED);
    }

    /**
     * The publisher is a pyzmq XPUB (a PUB that shows its subscriptions) so that it publishes only
     * once the SUB's subscription has crossed the forwarder: no slow-joiner race to sleep over.
     */
    @Test
    void forwarderProxyCarriesSubscriptionsUpAndMessagesDown() throws Exception {
        CommandRun proxy = new CommandRun("proxy");
        LinkedBlockingQueue<String> bound = new LinkedBlockingQueue<>();
        ((ProxyCommand) proxy.command()).boundListener = bound::add;
        Future<Integer> exit = executor.submit(() -> proxy.execute("forwarder", ANY, ANY));
        String frontend = bound.poll(10, TimeUnit.SECONDS).substring("frontend ".length());
        String backend = bound.poll(10, TimeUnit.SECONDS).substring("backend ".length());
        try (Pyzmq sub = Pyzmq.start("SUB", "connect", backend, "recv 2 weather");
             Pyzmq pub = Pyzmq.start("XPUB", "connect", frontend, "xpub 2 weather")) {
            pub.awaitSuccess();
            assertThat(sub.awaitSuccess()).containsExactly("[\"weather-0\"]", "[\"weather-1\"]");
        } finally {
            ((ProxyCommand) proxy.command()).stop();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.INTERRUPTED);
    }

    /**
     * The capture socket is a PUB, so a SUB on it sees only what is proxied after its subscription
     * arrived: probes are sent through the proxy until one shows up at the pyzmq SUB (each probe
     * waits at most 50 ms for it, the whole at most 20 s), then the next message must too.
     */
    @Test
    void streamerCapturesACopyOfTheTrafficForAPyzmqSub() throws Exception {
        CommandRun proxy = new CommandRun("proxy");
        LinkedBlockingQueue<String> bound = new LinkedBlockingQueue<>();
        ((ProxyCommand) proxy.command()).boundListener = bound::add;
        Future<Integer> exit = executor.submit(() -> proxy.execute("streamer", ANY, ANY, "--capture", ANY));
        String frontend = bound.poll(10, TimeUnit.SECONDS).substring("frontend ".length());
        String backend = bound.poll(10, TimeUnit.SECONDS).substring("backend ".length());
        String capture = bound.poll(10, TimeUnit.SECONDS);
        assertThat(capture).startsWith("capture tcp://127.0.0.1:");
        try (Context context = new Context(); Socket push = context.socket(SocketType.PUSH); Socket pull = context.socket(SocketType.PULL);
             Pyzmq sub = Pyzmq.start("SUB", "connect", capture.substring("capture ".length()), "recv 1000")) {
            push.connect(frontend);
            pull.connect(backend);
            sub.awaitReady();
            long deadline = System.nanoTime() + Pyzmq.WAIT.toNanos();
            String seen = null;
            for (int i = 0; seen == null && System.nanoTime() < deadline; i++) {
                push.send("probe-" + i);
                assertThat(pull.receive(Duration.ofSeconds(10)).toStrings()).containsExactly("probe-" + i);
                seen = sub.pollLine("MSG ", Duration.ofMillis(50));
            }
            assertThat(seen).as("a probe at the capture SUB; %s", sub.describe()).startsWith("MSG [\"probe-");
            push.send(Message.of("last".getBytes(StandardCharsets.UTF_8), "two".getBytes(StandardCharsets.UTF_8)));
            assertThat(pull.receive(Duration.ofSeconds(10)).toStrings()).containsExactly("last", "two");
            // Late probes may come first; the multipart message must follow, whole.
            assertThat(sub.pollLine("MSG [\"last\"", Pyzmq.WAIT)).as(sub.describe()).isEqualTo("MSG [\"last\", \"two\"]");
        } finally {
            ((ProxyCommand) proxy.command()).stop();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.INTERRUPTED);
    }

    @Test
    void metadataAndOtherOptionFlagsReachAPyzmqPeer() {
        try (Pyzmq pull = Pyzmq.start("PULL", "bind", ANY, "meta 1 X-Foo")) {
            CommandRun push = new CommandRun("push", "hi\n");
            assertThat(push.execute("--connect", pull.endpoint(), "--metadata", "X-Foo=bar", "--tos", "16",
                    "--sndbuf", "65536", "--tcp-keepalive", "1", "--connect-timeout", "5s", "--handshake-ivl", "10s")).isZero();
            assertThat(pull.awaitSuccess()).containsExactly("[\"bar\", \"hi\"]");
        }
    }
}
