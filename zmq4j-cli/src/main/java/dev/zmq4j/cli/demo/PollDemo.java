package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo poll}: the Perl talk's "polling multiple sockets". One thread serves three
 * sockets without blocking on any of them: a {@link Poller} says which have a message, and each
 * socket's callback handles it. A PULL takes jobs, a ROUTER answers requests, a PAIR takes
 * control messages; a feeder thread sends to all three, interleaved.
 */
@Command(name = "poll", mixinStandardHelpOptions = true,
        description = "One thread serves several sockets with a Poller, a callback per socket.")
public final class PollDemo extends DemoProgram implements Callable<Integer> {
    static final int EACH = 5;

    @Override
    public Integer call() {
        try (Context context = new Context()) {
            show(context, this::say);
            return 0;
        }
    }

    /**
     * Serves the three sockets until {@value #EACH} messages have come to each.
     *
     * @return the messages handled per socket, by name, and {@code "polls"}: how many polls it took
     */
    static Map<String, Integer> show(Context context, Narrator narrator) {
        String base = "inproc://poll-" + System.nanoTime();
        Map<String, Integer> handled = new LinkedHashMap<>();
        for (String name : new String[] {"PULL jobs", "ROUTER requests", "PAIR control"}) {
            handled.put(name, 0);
        }
        try (Socket pull = context.socket(SocketType.PULL);
             Socket router = context.socket(SocketType.ROUTER);
             Socket pair = context.socket(SocketType.PAIR);
             Poller poller = new Poller()) {
            pull.bind(base + "-jobs");
            router.bind(base + "-requests");
            pair.bind(base + "-control");
            Map<Socket, Consumer<Message>> callbacks = new LinkedHashMap<>();
            callbacks.put(pull, job -> handled.merge("PULL jobs", 1, Integer::sum));
            callbacks.put(router, request -> {
                router.send(Message.of(request.frame(0), dev.zmq4j.Frame.of("done: " + request.last().toUtf8())));
                handled.merge("ROUTER requests", 1, Integer::sum);
            });
            callbacks.put(pair, control -> handled.merge("PAIR control", 1, Integer::sum));
            callbacks.keySet().forEach(socket -> poller.register(socket, Poller.Event.READABLE));

            Thread feeder = new Thread(() -> feed(context, base), "poll-feeder");
            feeder.start();
            int polls = 0;
            while (handled.values().stream().mapToInt(Integer::intValue).sum() < 3 * EACH) {
                if (poller.poll(WAIT) == 0) {
                    throw new IllegalStateException("nothing to poll for " + WAIT.toSeconds() + " s, handled " + handled);
                }
                polls++;
                for (Socket ready : poller.readySockets()) {
                    for (Message m; (m = ready.tryReceive()) != null; ) {
                        callbacks.get(ready).accept(m);
                    }
                }
            }
            JsonDemo.join(feeder);
            narrator.say("one thread, %d polls: handled %s", polls, handled);
            handled.put("polls", polls);
            return handled;
        }
    }

    private static void feed(Context context, String base) {
        try (Socket push = context.socket(SocketType.PUSH);
             Socket dealer = context.socket(SocketType.DEALER);
             Socket pair = context.socket(SocketType.PAIR)) {
            push.connect(base + "-jobs");
            dealer.connect(base + "-requests");
            pair.connect(base + "-control");
            for (int i = 1; i <= EACH; i++) {
                push.send("job " + i);
                dealer.send("request " + i);
                pair.send("status " + i);
            }
            for (int i = 1; i <= EACH; i++) {
                text(dealer.receive(WAIT), "answer");   // every request was answered
            }
        }
    }
}
