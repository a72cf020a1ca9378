package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo multipart}: the Perl talk's "delivers all or none". The frames of a message
 * sent with {@code sendMore} stay with the sender until the last frame is sent; then the receiver
 * gets the whole message at once, never part of it; a sender that dies mid-message (closed after
 * two of three frames) delivers nothing of it.
 */
@Command(name = "multipart", mixinStandardHelpOptions = true,
        description = "Multipart messages arrive whole or not at all.")
public final class MultipartDemo extends DemoProgram implements Callable<Integer> {
    /** How long the demo watches for a partial message that must not come. */
    static final Duration WATCH = Duration.ofMillis(200);

    @Override
    public Integer call() {
        try (Context context = new Context()) {
            show(context, this::say);
            return 0;
        }
    }

    /**
     * Sends two frames with more to come, checks nothing arrives, sends the last one.
     *
     * @return the frames received: {@code [header, body, end]}
     */
    static List<String> show(Context context, Narrator narrator) {
        try (Socket pull = context.socket(SocketType.PULL); Socket push = context.socket(SocketType.PUSH)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            push.connect(endpoint);
            try (Socket dying = context.socket(SocketType.PUSH)) {
                dying.set(Option.LINGER, Duration.ZERO);
                dying.connect(endpoint);
                dying.sendMore("half");
                dying.sendMore("of a message");
            } // closed mid-message, as a sender killed there
            Message torn = pull.receive(WATCH);
            narrator.say("a sender closed after 2 of 3 frames: %s received in %d ms", torn == null ? "nothing" : torn.toStrings(),
                    WATCH.toMillis());
            if (torn != null) {
                throw new IllegalStateException("part of a dead sender's message arrived: " + torn.toStrings());
            }
            push.sendMore("header");
            push.sendMore("body");
            Message early = pull.receive(WATCH);
            narrator.say("after 2 of 3 frames: %s received in %d ms", early == null ? "nothing" : early.toStrings(), WATCH.toMillis());
            if (early != null) {
                throw new IllegalStateException("a partial message arrived: " + early.toStrings());
            }
            push.send("end");
            Message whole = pull.receive(WAIT);
            text(whole, "message");
            narrator.say("after the last frame: one message of %d frames %s", whole.size(), whole.toStrings());
            return whole.toStrings();
        }
    }
}
