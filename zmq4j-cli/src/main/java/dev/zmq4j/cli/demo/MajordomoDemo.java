package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.patterns.mdp.BrokerListener;
import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.patterns.mdp.MajordomoBroker;
import dev.zmq4j.patterns.mdp.MajordomoClient;
import dev.zmq4j.patterns.mdp.MajordomoWorker;
import dev.zmq4j.patterns.mdp.NoReplyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo majordomo}: the zguide's Majordomo in one process. A broker, three workers of
 * the service "echo" (each with its own context, so that one can die alone) and a client sending
 * numbered requests. Worker 2 crashes (its context closed, no goodbye) while it holds a request;
 * the broker notices its silence after {@code heartbeat x 3}, gives the request to another worker,
 * and the client, still waiting, gets the answer. Prints each outcome and a final accounting line
 * {@code sent N / answered A / failed F / duplicates D}; exits 0 when every request was answered
 * or reported failed, none twice and none with another's reply.
 */
@Command(name = "majordomo", mixinStandardHelpOptions = true,
        description = "A Majordomo broker, 3 workers and a client; a worker dies holding a request, which another answers.")
public final class MajordomoDemo extends DemoProgram implements Callable<Integer> {
    private static final int WORKERS = 3;
    private static final int VICTIM = 2;
    private static final String SERVICE = "echo";

    @Option(names = "--requests", paramLabel = "N", defaultValue = "30", description = "requests to send (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--heartbeat", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "250ms",
            description = "heartbeat interval of broker and workers (default: ${DEFAULT-VALUE}; liveness 3)")
    Duration heartbeat;

    @Option(names = "--crash-at", paramLabel = "N", defaultValue = "3",
            description = "worker " + VICTIM + " crashes on its N-th request (default: ${DEFAULT-VALUE})")
    int crashAt;

    @Override
    public Integer call() {
        Heartbeat beat = Heartbeat.every(heartbeat);
        List<Context> workerContexts = new ArrayList<>();
        List<MajordomoWorker> workers = new ArrayList<>();
        try (Context context = new Context(); MajordomoBroker broker = new MajordomoBroker(context, beat)) {
            String endpoint = bound(broker.bind("tcp://127.0.0.1:*"));
            broker.listener(new BrokerListener() {
                @Override
                public void workerGone(Frame worker, String service, String why) {
                    say("broker: a worker of '%s' is gone: %s", service, why);
                }

                @Override
                public void requestRequeued(Frame client, String service) {
                    say("broker: the request it held goes back to the head of the queue of '%s'", service);
                }
            });
            broker.start();
            say("broker on %s, heartbeat %d ms x %d", endpoint, beat.interval().toMillis(), beat.liveness());
            for (int n = 1; n <= WORKERS; n++) {
                Context own = new Context();
                workerContexts.add(own);
                MajordomoWorker worker = new MajordomoWorker(own, List.of(endpoint), SERVICE, beat,
                        Duration.ofMillis(100), Duration.ofSeconds(2));
                workers.add(worker);
                worker.start(handler(n, own));
            }
            say("%d workers of '%s' started; worker %d will crash on its request #%d", WORKERS, SERVICE, VICTIM, crashAt);
            Accounting accounting = runClient(context, endpoint, beat);
            broker.listener(null);
            say("broker: %d requests, %d replies, %d re-queued, %d workers expired",
                    broker.requestsReceived(), broker.repliesSent(), broker.requestsRequeued(), broker.workersExpired());
            say("sent %d / answered %d / failed %d / duplicates %d", requests, accounting.answered,
                    accounting.failed, accounting.duplicates);
            boolean ok = accounting.answered + accounting.failed == requests && accounting.duplicates == 0 && accounting.wrong == 0;
            return ok ? 0 : 1;
        } finally {
            workers.forEach(MajordomoWorker::close);
            workerContexts.forEach(Context::close);
        }
    }

    /** Echoes with its name; worker {@link #VICTIM} closes its own context on its {@code crashAt}-th request. */
    private java.util.function.Function<Message, Message> handler(int n, Context own) {
        AtomicInteger handled = new AtomicInteger();
        return body -> {
            String id = body.first().toUtf8();
            if (n == VICTIM && handled.incrementAndGet() == crashAt) {
                say("worker %d crashes holding %s", n, id);
                own.close();
            }
            return Message.of(id, "worker " + n);
        };
    }

    private static final class Accounting {
        int answered;
        int failed;
        int duplicates;
        int wrong;
    }

    private Accounting runClient(Context context, String endpoint, Heartbeat beat) {
        Accounting a = new Accounting();
        Set<String> answered = new HashSet<>();
        // Long enough for the broker to expire a dead worker and re-queue its request.
        Duration timeout = beat.expiry().multipliedBy(3);
        try (MajordomoClient client = new MajordomoClient(context, endpoint, timeout, 2)) {
            for (int i = 1; i <= requests; i++) {
                String id = "request-" + i;
                long start = System.nanoTime();
                try {
                    Message reply = client.request(SERVICE, Message.of(id));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    String echoed = reply.first().toUtf8();
                    String by = reply.size() > 1 ? reply.frame(1).toUtf8() : "?";
                    if (!echoed.equals(id)) {
                        a.wrong++;
                        say("%s got the reply of %s", id, echoed);
                    } else if (!answered.add(id)) {
                        a.duplicates++;
                        say("%s answered twice", id);
                    } else {
                        a.answered++;
                        say("%s answered by %s in %d ms", id, by, ms);
                    }
                } catch (NoReplyException e) {
                    a.failed++;
                    say("%s failed: %s", id, e.getMessage());
                }
            }
        }
        return a;
    }
}
