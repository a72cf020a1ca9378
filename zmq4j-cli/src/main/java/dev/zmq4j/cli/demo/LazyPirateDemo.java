package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.patterns.LazyPirateClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo lazy-pirate}: the zguide's Lazy Pirate. A {@link LazyPirateClient} sends
 * numbered requests to a REP server in this process ({@link FlakyServer}) that at random crashes
 * and hangs. Each try waits {@code --timeout}; a try without reply is narrated as a retry (the
 * client's socket is replaced, so a late reply can never be taken for the next one), and a request
 * still unanswered after {@code --retries} retries as failed. The last line accounts for every
 * request: {@code sent N, answered A, failed F, answered twice 0, wrong replies 0}.
 */
@Command(name = "lazy-pirate", mixinStandardHelpOptions = true,
        description = "A retrying REQ client against a server that crashes and hangs at random.")
public final class LazyPirateDemo extends DemoProgram implements Callable<Integer> {
    @Option(names = "--requests", defaultValue = "20", description = "requests to send (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the server's failures (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timeout", defaultValue = "300ms", converter = DurationConverter.class,
            description = "how long each try waits for the reply (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--retries", defaultValue = "3", description = "tries after the first (default: ${DEFAULT-VALUE})")
    int retries;

    @Option(names = "--crash", defaultValue = "0.1", description = "chance the server crashes on a request (default: ${DEFAULT-VALUE})")
    double crashChance;

    @Option(names = "--hang", defaultValue = "0.15", description = "chance the server hangs on a request (default: ${DEFAULT-VALUE})")
    double hangChance;

    @Option(names = "--hang-time", defaultValue = "700ms", converter = DurationConverter.class,
            description = "how long a hang lasts (default: ${DEFAULT-VALUE})")
    Duration hangTime;

    @Option(names = "--down-time", defaultValue = "1500ms", converter = DurationConverter.class,
            description = "how long a crashed server stays down (default: ${DEFAULT-VALUE})")
    Duration downTime;

    /** The final accounting of a run. */
    record Accounting(int sent, int answered, int failed, int answeredTwice, int wrongReplies) {
        boolean consistent() {
            return answered + failed == sent && answeredTwice == 0 && wrongReplies == 0;
        }
    }

    @Override
    public Integer call() {
        if (requests < 0 || retries < 0 || crashChance < 0 || hangChance < 0 || crashChance + hangChance > 1) {
            throw new IllegalArgumentException("--requests, --retries, --crash, --hang: " + requests + ", " + retries
                    + ", " + crashChance + ", " + hangChance + " (expected: >= 0, and crash + hang <= 1)");
        }
        try (Context context = new Context()) {
            FlakyServer server = new FlakyServer(context, "tcp://127.0.0.1:*", seed, crashChance, hangChance,
                    hangTime, downTime, this::say);
            Thread thread = new Thread(server, "lazy-pirate-demo-server");
            thread.setDaemon(true);
            thread.start();
            String endpoint = bound(server.endpoint());
            say("lazy-pirate: %d requests to %s, %d ms per try, %d retries; the server crashes (%.0f%%) and hangs (%.0f%%), seed %d",
                    requests, endpoint, timeout.toMillis(), retries, crashChance * 100, hangChance * 100, seed);
            Accounting accounting;
            try (LazyPirateClient client = new LazyPirateClient(context, endpoint, timeout, 0)) {
                accounting = run(client);
            } finally {
                server.stop();
            }
            say("server: %d crashes, %d hangs", server.crashes(), server.hangs());
            say("accounting: sent %d, answered %d, failed %d, answered twice %d, wrong replies %d",
                    accounting.sent(), accounting.answered(), accounting.failed(), accounting.answeredTwice(),
                    accounting.wrongReplies());
            return accounting.consistent() ? 0 : 1;
        }
    }

    /**
     * Sends the requests one by one. The client has no retries of its own, so that each try can be
     * narrated: a try that gets no reply throws, and the client has already replaced its socket.
     */
    private Accounting run(LazyPirateClient client) {
        int answered = 0;
        int failed = 0;
        int twice = 0;
        int wrong = 0;
        Set<String> answeredRequests = new HashSet<>();
        for (int n = 1; n <= requests; n++) {
            String body = "request " + n;
            Message reply = null;
            int tries = 1 + retries;
            for (int attempt = 1; attempt <= tries && reply == null; attempt++) {
                long start = System.nanoTime();
                try {
                    reply = client.request(Message.of(body));
                } catch (LazyPirateClient.NoReplyException e) {
                    if (attempt < tries) {
                        say("%s: no reply in %d ms, retrying on a new socket (try %d of %d)", body, timeout.toMillis(),
                                attempt + 1, tries);
                    }
                    continue;
                }
                String text = reply.first().toUtf8();
                String answers = text.startsWith("reply to ") ? text.substring("reply to ".length()) : text;
                if (answeredRequests.contains(answers)) {
                    twice++;
                    say("%s: got \"%s\", a request answered before: ANSWERED TWICE", body, text);
                } else if (!answers.equals(body)) {
                    wrong++;
                    say("%s: WRONG reply \"%s\"", body, text);
                } else {
                    answeredRequests.add(body);
                    answered++;
                    say("%s: answered in %d ms (try %d)", body, (System.nanoTime() - start) / 1_000_000, attempt);
                }
            }
            if (reply == null) {
                failed++;
                say("%s: failed, no reply after %d tries", body, tries);
            }
        }
        return new Accounting(requests, answered, failed, twice, wrong);
    }
}
