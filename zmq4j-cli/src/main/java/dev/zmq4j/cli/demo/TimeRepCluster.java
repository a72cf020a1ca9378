package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Proxy;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo time-rep-cluster}: the Node.js talk's REP cluster. A ROUTER frontend (a
 * "parallel REP") binds for clients; a DEALER backend (a "parallel REQ") spreads their requests
 * over N REP workers, threads connected over inproc; {@link Proxy} moves messages between the
 * two, routing envelopes and all. Each answer is time-rep's plus {@code "worker"}, so a client
 * sees the load being shared.
 */
@Command(name = "time-rep-cluster", mixinStandardHelpOptions = true,
        description = "A time service of N REP workers behind ROUTER/DEALER.")
public final class TimeRepCluster extends DemoProgram implements Callable<Integer> {
    @Option(names = "--bind", required = true, description = "frontend endpoint to bind, e.g. tcp://*:5556")
    String bind;

    @Option(names = "--workers", defaultValue = "3", description = "REP worker threads (default: ${DEFAULT-VALUE})")
    int workers;

    @Override
    public Integer call() {
        if (workers < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--workers: " + workers + " (expected: >= 1)");
        }
        try (Context context = new Context()) {
            AtomicLongArray answered = new AtomicLongArray(workers + 1);
            String endpoint = start(context, bind, workers, answered, this::say);
            bound(endpoint);
            try {
                Thread.currentThread().join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
    }

    /**
     * Starts the cluster in {@code context}: the frontend bound to {@code bind}, the workers and
     * the proxy on daemon threads, all ended by closing the context. Worker {@code w} (from 1)
     * counts its answers in {@code answered[w]}.
     *
     * @return the frontend's actual endpoint
     */
    static String start(Context context, String bind, int workers, AtomicLongArray answered, Narrator narrator) {
        Socket frontend = context.socket(SocketType.ROUTER);
        Socket backend = context.socket(SocketType.DEALER);
        String endpoint = frontend.bind(bind);
        String inproc = "inproc://time-workers-" + System.identityHashCode(frontend);
        backend.bind(inproc);
        for (int w = 1; w <= workers; w++) {
            Socket rep = context.socket(SocketType.REP);
            rep.connect(inproc);
            int worker = w;
            daemon("time-worker-" + w, () -> {
                while (true) {
                    String request = rep.receiveString();
                    String answer = Json.object("pid", pid(), "timestamp", System.currentTimeMillis(), "worker", worker);
                    rep.send(answer);
                    answered.incrementAndGet(worker);
                    narrator.say("worker %d answered %s with %s", worker, request, answer);
                }
            });
        }
        daemon("time-proxy", () -> Proxy.run(frontend, backend));
        narrator.say("time-rep-cluster: %d workers answering on %s", workers, endpoint);
        return endpoint;
    }

    /** Runs {@code body} on a daemon thread that ends quietly when the context is closed. */
    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (ZmqException.ContextClosedException | ZmqException.SocketClosedException e) {
                // the cluster is shutting down
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
