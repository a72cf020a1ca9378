package dev.zmq4j.cli.demo;

import dev.zmq4j.Message;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What the demo programs share: their output (picocli's, so tests can capture it), the process id
 * the talks put in every message, a listener told the actual endpoint after a bind (for an
 * ephemeral port), and {@code 1s}/{@code 200ms} durations on the command line. Not thread-safe:
 * one run at a time.
 */
public abstract class DemoProgram {
    /** How long a demo waits for something that should come at once before it calls the run failed. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    /** Told the endpoint actually bound (e.g. the port chosen for {@code tcp://127.0.0.1:*}); for tests. */
    public volatile Consumer<String> boundListener = endpoint -> { };

    /** The command's output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints one line and flushes it, so that a reader of the output sees it at once. */
    void say(String format, Object... args) {
        PrintWriter out = out();
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** Reports an actual bound endpoint to {@link #boundListener} and returns it. */
    String bound(String endpoint) {
        boundListener.accept(endpoint);
        return endpoint;
    }

    /** The first frame of {@code message} as text; fails naming {@code what} if it is null (a wait ran out). */
    static String text(Message message, String what) {
        if (message == null) {
            throw new IllegalStateException("no " + what + " within " + WAIT.toSeconds() + " s");
        }
        return message.first().toUtf8();
    }

    /** This process's id, as the talks' messages carry it. */
    static long pid() {
        return ProcessHandle.current().pid();
    }
}
