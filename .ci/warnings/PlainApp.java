import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.auth.Authenticator;
import dev.zmq4j.security.CurveKeyPair;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An application as a user writes it, run by .ci/warnings/check with nothing but zmq4j-core's
 * runtime class path (and slf4j-simple) on {@code java -cp}: it goes through each part of zmq4j that
 * loads native code or uses a concurrent queue (the epoll transport over tcp and ipc, the in-process
 * pipes, a monitor, CURVE with a ZAP handler, PUB/SUB), so that any warning the JVM or zmq4j prints
 * about zmq4j or its dependencies shows on its standard error. Prints {@code ok} and exits 0 when every exchange
 * arrived; exits 1 naming the one that did not.
 */
public final class PlainApp {
    private static final Duration WAIT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("zmq4j-plain-app");
        try (Context ctx = new Context()) {
            reqRep(ctx, "tcp://127.0.0.1:*");
            reqRep(ctx, "ipc://" + dir.resolve("rep"));
            reqRep(ctx, "inproc://rep");
            curve(ctx);
            pubSub(ctx);
        } finally {
            Files.deleteIfExists(dir.resolve("rep"));
            Files.deleteIfExists(dir);
        }
        System.out.println("ok");
    }

    private static void reqRep(Context ctx, String endpoint) {
        try (Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ);
             Monitor events = rep.monitor()) {
            String bound = rep.bind(endpoint);
            req.connect(bound);
            for (int i = 0; i < 100; i++) {
                req.send(Message.of("hello", Integer.toString(i)));
                expect(rep.receive(WAIT), "request " + i + " over " + bound);
                rep.send("world");
                expect(req.receive(WAIT), "reply " + i + " over " + bound);
            }
            if (!bound.startsWith("inproc:")) {
                // An in-process pipe has no connection to report.
                expect(events.next(WAIT), "a monitor event for " + bound);
            }
        }
    }

    private static void curve(Context ctx) {
        CurveKeyPair server = CurveKeyPair.generate();
        CurveKeyPair client = CurveKeyPair.generate();
        Authenticator auth = Authenticator.install(ctx).curveAllowAny();
        try (auth; Socket pull = ctx.socket(SocketType.PULL); Socket push = ctx.socket(SocketType.PUSH)) {
            pull.set(Option.CURVE_SERVER, true);
            pull.set(Option.CURVE_SECRETKEY, server.secretKey());
            push.set(Option.CURVE_PUBLICKEY, client.publicKey());
            push.set(Option.CURVE_SECRETKEY, client.secretKey());
            push.set(Option.CURVE_SERVERKEY, server.publicKey());
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.send("sealed");
            expect(pull.receive(WAIT), "a message over CURVE");
        }
    }

    private static void pubSub(Context ctx) {
        try (Socket pub = ctx.socket(SocketType.PUB); Socket sub = ctx.socket(SocketType.SUB)) {
            sub.set(Option.SUBSCRIBE, "topic".getBytes(StandardCharsets.US_ASCII));
            sub.connect(pub.bind("tcp://127.0.0.1:*"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            // The subscription reaches the publisher some time after the connection: publish until it has.
            while (System.nanoTime() < deadline) {
                pub.send("topic news");
                if (sub.receive(Duration.ofMillis(50)) != null) {
                    return;
                }
            }
            expect(null, "a published message");
        }
    }

    private static void expect(Object received, String what) {
        if (received == null) {
            System.err.println("PlainApp: no " + what + " within " + WAIT);
            System.exit(1);
        }
    }

    private PlainApp() {
    }
}
