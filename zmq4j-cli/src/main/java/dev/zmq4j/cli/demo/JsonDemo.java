package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo json}: the Perl talk's "messages are strings". ØMQ carries bytes and knows
 * nothing of their meaning, so records travel serialised: a REQ client sends order records as
 * JSON, a REP server reads them, prices them and answers with a JSON record of its own.
 */
@Command(name = "json", mixinStandardHelpOptions = true,
        description = "Records in and out as JSON over REQ/REP.")
public final class JsonDemo extends DemoProgram implements Callable<Integer> {
    private static final String[] ITEMS = {"widget", "gadget", "gizmo"};
    private static final long[] PRICE_CENTS = {250, 1200, 75};

    @Override
    public Integer call() {
        try (Context context = new Context()) {
            show(context, this::say);
            return 0;
        }
    }

    /**
     * Sends one order per item and prints each record both ways.
     *
     * @return the sum of the totals the server sent back, in cents
     */
    static long show(Context context, Narrator narrator) {
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ)) {
            String endpoint = rep.bind("tcp://127.0.0.1:*");
            req.connect(endpoint);
            Thread server = new Thread(() -> serve(rep, ITEMS.length), "json-server");
            server.start();
            long sum = 0;
            for (int i = 0; i < ITEMS.length; i++) {
                String order = Json.object("item", ITEMS[i], "qty", i + 2);
                req.send(order);
                String answer = text(req.receive(WAIT), "an answer");
                sum += (Long) Json.parse(answer).get("total_cents");
                narrator.say("sent %s, got %s", order, answer);
            }
            join(server);
            return sum;
        }
    }

    private static void serve(Socket rep, int orders) {
        for (int i = 0; i < orders; i++) {
            Map<String, Object> order = Json.parse(rep.receiveString());
            String item = (String) order.get("item");
            long qty = (Long) order.get("qty");
            int index = java.util.Arrays.asList(ITEMS).indexOf(item);
            rep.send(index < 0
                    ? Json.object("item", item, "ok", false)
                    : Json.object("item", item, "qty", qty, "total_cents", qty * PRICE_CENTS[index], "ok", true));
        }
    }

    static void join(Thread t) {
        try {
            t.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
