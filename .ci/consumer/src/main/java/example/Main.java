package example;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;

/**
 * The README's first example, unchanged: a REQ/REP round trip over tcp on an ephemeral port.
 * Then, on standard error, which transport the context used ({@code epoll} or {@code nio}).
 */
public final class Main {
    private Main() {
    }

    /**
     * Prints {@code hello} (the request, as REP received it), then {@code [world, !]} (the
     * two-frame reply, as REQ received it).
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            String endpoint = rep.bind("tcp://127.0.0.1:*");   // ephemeral port; the actual endpoint is returned
            req.connect(endpoint);

            req.send("hello");
            System.out.println(rep.receiveString());           // hello
            rep.send(Message.of("world", "!"));                 // multipart, sent whole
            System.out.println(req.receive().toStrings());      // [world, !]

            System.err.println("transport: " + (ctx.isNativeTransport() ? "epoll" : "nio"));
        }
    }
}
