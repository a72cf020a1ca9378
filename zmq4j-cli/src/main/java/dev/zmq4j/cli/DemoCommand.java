package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j demo}: PUSH/PULL and REQ/REP over tcp on the loopback interface, in one process,
 * printing each message as it goes. Every receive waits at most {@value #WAIT_SECONDS} s, so a
 * broken build fails (exit status 1) instead of hanging.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run PUSH/PULL and REQ/REP over tcp in this process and show what flows.")
final class DemoCommand implements Callable<Integer> {
    private static final int WAIT_SECONDS = 10;
    private static final Duration WAIT = Duration.ofSeconds(WAIT_SECONDS);
    private static final int MESSAGES = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Context context = new Context()) {
            out.println("zmq4j demo: " + (context.isNativeTransport() ? "native epoll" : "NIO") + " transport");
            boolean ok = pushPull(context, out) && requestReply(context, out);
            out.println(ok ? "done" : "failed: no message within " + WAIT_SECONDS + " s");
            out.flush();
            return ok ? 0 : 1;
        }
    }

    private static boolean pushPull(Context context, PrintWriter out) {
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            out.println();
            out.println("PUSH/PULL over " + endpoint);
            for (int i = 1; i <= MESSAGES; i++) {
                String task = "task " + i;
                push.send(task);
                out.println("  PUSH sent      \"" + task + "\"");
            }
            for (int i = 1; i <= MESSAGES; i++) {
                byte[] task = pull.receiveBytes(WAIT);
                if (task == null) {
                    return false;
                }
                out.println("  PULL received  \"" + text(task) + "\"");
            }
            out.flush();
            return true;
        }
    }

    private static boolean requestReply(Context context, PrintWriter out) {
        try (Socket rep = context.socket(SocketType.REP); Socket req = context.socket(SocketType.REQ)) {
            String endpoint = rep.bind("tcp://127.0.0.1:*");
            req.connect(endpoint);
            out.println();
            out.println("REQ/REP over " + endpoint);
            for (int i = 1; i <= MESSAGES; i++) {
                String request = "hello " + i;
                req.send(request);
                out.println("  REQ sent       \"" + request + "\"");
                String received = text(rep.receiveBytes(WAIT));
                if (received == null) {
                    return false;
                }
                String reply = received.replace("hello", "world");
                rep.send(reply);
                out.println("  REP received   \"" + received + "\", replied \"" + reply + "\"");
                String answer = text(req.receiveBytes(WAIT));
                if (answer == null) {
                    return false;
                }
                out.println("  REQ received   \"" + answer + "\"");
            }
            out.flush();
            return true;
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
