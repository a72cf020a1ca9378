package dev.zmq4j.cli.socket;

import dev.zmq4j.Message;
import java.io.PrintWriter;

/**
 * Writes received messages, one line each, in the chosen {@link Format}, flushing every line so
 * that a pipe sees each message as it arrives. It notices a closed standard output (the reader of
 * a pipe has gone, as after {@code | head -3}): {@link #print} then returns {@code false} and the
 * command ends normally.
 *
 * <p>Thread-safe: lines from several threads do not interleave.
 */
final class Printer {
    private final PrintWriter out;
    private final Format format;
    private final String separator;

    Printer(PrintWriter out, Format format, String separator) {
        this.out = out;
        this.format = format;
        this.separator = separator;
    }

    /** Prints {@code message}; {@code false} if standard output is closed (nothing more can be printed). */
    synchronized boolean print(Message message) {
        out.println(format.line(message, separator));
        // checkError flushes, and reports the failure of this or any earlier write. picocli's
        // default writer wraps System.out, a PrintStream that keeps its failures to itself: ask it too.
        return !out.checkError() && !System.out.checkError();
    }
}
