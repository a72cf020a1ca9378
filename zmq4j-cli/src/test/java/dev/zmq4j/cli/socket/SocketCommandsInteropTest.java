package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The socket commands, run in this process, against pyzmq (libzmq 4.3) peers in both directions. */
@Timeout(60)
class SocketCommandsInteropTest {
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
    void pushSendsEachLineAsAMessageSplitAtTabsToAPyzmqPull() {
        try (Pyzmq pull = Pyzmq.start("PULL", "bind", ANY, "recv 3")) {
            CommandRun push = new CommandRun("push", "one\ntwo\tparts\n\n");
            assertThat(push.execute("--connect", pull.endpoint())).isZero();
            assertThat(pull.awaitSuccess()).containsExactly("[\"one\"]", "[\"two\", \"parts\"]", "[\"\"]");
        }
    }

    @Test
    void pullPrintsWhatAPyzmqPushSendsAndStopsAtCount() throws Exception {
        CommandRun pull = new CommandRun("pull");
        Future<Integer> exit = executor.submit(() -> pull.execute("--bind", ANY, "--count", "5"));
        try (Pyzmq push = Pyzmq.start("PUSH", "connect", pull.bound(), "send 5")) {
            push.awaitSuccess();
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(pull.lines()).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
        }
    }

    @Test
    void subReceivesOnlyItsSubscriptionFromAPyzmqPublisher() {
        try (Pyzmq pub = Pyzmq.start("XPUB", "bind", ANY, "xpub 3 weather")) {
            CommandRun sub = new CommandRun("sub");
            assertThat(sub.execute("--connect", pub.endpoint(), "--subscribe", "weather", "--count", "3")).isZero();
            assertThat(sub.lines()).containsExactly("weather-0", "weather-1", "weather-2");
            pub.awaitSuccess();
        }
    }

    @Test
    void reqPrintsTheRepliesOfAPyzmqRep() {
        try (Pyzmq rep = Pyzmq.start("REP", "bind", ANY, "echo 2")) {
            CommandRun req = new CommandRun("req", "hi\nthere\tyou\n");
            assertThat(req.execute("--connect", rep.endpoint(), "--timeout", "20s")).isZero();
            assertThat(req.lines()).containsExactly("hi", "there\tyou");
            assertThat(rep.awaitSuccess()).containsExactly("[\"hi\"]", "[\"there\", \"you\"]");
        }
    }

    @Test
    void repEchoesTheRequestsOfAPyzmqReq() throws Exception {
        CommandRun rep = new CommandRun("rep");
        Future<Integer> exit = executor.submit(() -> rep.execute("--bind", ANY, "--echo", "--count", "2"));
        try (Pyzmq req = Pyzmq.start("REQ", "connect", rep.bound(), "req 2")) {
            assertThat(req.awaitSuccess()).containsExactly("[\"q-0\"]", "[\"q-1\"]");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(rep.lines()).containsExactly("q-0", "q-1");
        }
    }

    @Test
    void repAnswersAPyzmqReqWithItsInputLines() throws Exception {
        CommandRun rep = new CommandRun("rep", "r-1\nr-2\n");
        Future<Integer> exit = executor.submit(() -> rep.execute("--bind", ANY, "--count", "2"));
        try (Pyzmq req = Pyzmq.start("REQ", "connect", rep.bound(), "req 2")) {
            assertThat(req.awaitSuccess()).containsExactly("[\"r-1\"]", "[\"r-2\"]");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(rep.lines()).containsExactly("q-0", "q-1");
        }
    }

    @Test
    void dealerTalksToAPyzmqRouterUnderItsRoutingId() {
        try (Pyzmq router = Pyzmq.start("ROUTER", "bind", ANY, "echo 2")) {
            CommandRun dealer = new CommandRun("dealer", "a\nb\n");
            assertThat(dealer.execute("--connect", router.endpoint(), "--routing-id", "me", "--count", "2", "--timeout", "20s")).isZero();
            assertThat(dealer.lines()).containsExactly("a", "b");
            assertThat(router.awaitSuccess()).containsExactly("[\"me\", \"a\"]", "[\"me\", \"b\"]");
        }
    }

    @Test
    void routerPrintsTheRoutingIdFirstAndSendsToTheIdInTheFirstFrame() throws Exception {
        PipedOutputStream stdin = new PipedOutputStream();
        CommandRun router = new CommandRun("router", new PipedInputStream(stdin));
        Future<Integer> exit = executor.submit(() -> router.execute("--bind", ANY, "--count", "2"));
        try (Pyzmq dealer = Pyzmq.start("DEALER", "connect", router.bound(), "dealer 2 py")) {
            router.awaitLines(1);
            assertThat(router.lines()).containsExactly("py\thello");
            stdin.write("py\tworld\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            assertThat(dealer.awaitSuccess()).containsExactly("[\"world\"]");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(router.lines()).containsExactly("py\thello", "py\tbye-0");
        } finally {
            stdin.close();
        }
    }

    @Test
    void pullPrintsAPyzmqMultipartMessageAsJson() throws Exception {
        CommandRun pull = new CommandRun("pull");
        Future<Integer> exit = executor.submit(() -> pull.execute("--bind", ANY, "--count", "1", "--format", "json"));
        try (Pyzmq push = Pyzmq.start("PUSH", "connect", pull.bound(), "sendmulti")) {
            push.awaitSuccess();
            assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
            assertThat(pull.lines()).containsExactly("[\"topic\",\"caf\u00e9 \\\"q\\\"\",\"\\u0000\ufffd\"]");
        }
    }

    @Test
    void streamerProxyCarriesMessagesFromAPyzmqPushToAPyzmqPull() throws Exception {
        CommandRun proxy = new CommandRun("proxy");
        java.util.concurrent.LinkedBlockingQueue<String> bound = new java.util.concurrent.LinkedBlockingQueue<>();
        ((ProxyCommand) proxy.command()).boundListener = bound::add;
        Future<Integer> exit = executor.submit(() -> proxy.execute("streamer", ANY, ANY));
        String frontend = bound.poll(10, TimeUnit.SECONDS);
        String backend = bound.poll(10, TimeUnit.SECONDS);
        assertThat(frontend).startsWith("frontend tcp://127.0.0.1:");
        assertThat(backend).startsWith("backend tcp://127.0.0.1:");
        try (Pyzmq pull = Pyzmq.start("PULL", "connect", backend.substring("backend ".length()), "recv 4");
             Pyzmq push = Pyzmq.start("PUSH", "connect", frontend.substring("frontend ".length()), "send 4")) {
            push.awaitSuccess();
            assertThat(pull.awaitSuccess()).containsExactly("[\"m-0\"]", "[\"m-1\"]", "[\"m-2\"]", "[\"m-3\"]");
        } finally {
            ((ProxyCommand) proxy.command()).stop();
        }
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitStatus.INTERRUPTED);
    }
}
