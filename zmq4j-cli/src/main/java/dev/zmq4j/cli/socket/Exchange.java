package dev.zmq4j.cli.socket;

import dev.zmq4j.cli.Progress;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.ZmqException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The message loops of the socket commands, one per {@link Role}, over a socket that is set up,
 * bound and connected. Each returns an {@link ExitStatus}.
 *
 * <p>{@code count} (0 = no limit) is how many messages to print before ending with
 * {@link ExitStatus#DONE}; {@code timeout} ({@code null} = none) ends a wait for a message that
 * lasts that long, with {@link ExitStatus#TIMED_OUT} if {@code count} was given and not reached,
 * else {@link ExitStatus#DONE}. A REQ waiting for a reply times out with TIMED_OUT always.
 *
 * <p>Not thread-safe: one per command run; the BOTH loop starts its own sending thread.
 */
final class Exchange {
    private final Socket socket;
    private final MessageReader input;
    private final Printer printer;
    private final PrintWriter err;
    private final String command;
    private final long count;
    private final Duration timeout;
    private Progress progress = Progress.NONE;

    Exchange(Socket socket, MessageReader input, Printer printer, PrintWriter err, String command, long count, Duration timeout) {
        this.socket = socket;
        this.input = input;
        this.printer = printer;
        this.err = err;
        this.command = command;
        this.count = count;
        this.timeout = timeout;
    }

    /** Shows {@code p} while sending (SEND) or printing (RECEIVE); the other loops do not tick it. */
    Exchange progress(Progress p) {
        this.progress = p;
        return this;
    }

    int run(Role role, boolean echo) {
        return switch (role) {
            case SEND -> send();
            case RECEIVE -> receive();
            case BOTH -> both();
            case REQUEST -> request();
            case REPLY -> reply(echo);
        };
    }

    /** Sends every input message; the socket's close (LINGER) then hands them over. */
    private int send() {
        for (Message m; (m = nextInput()) != null; ) {
            socket.send(m);
            progress.tick();
        }
        progress.finish();
        return inputFailure == null ? ExitStatus.DONE : ExitStatus.USAGE;
    }

    /** Prints what arrives until --count, --timeout or a closed standard output. */
    private int receive() {
        try {
            return receiveLines();
        } finally {
            progress.finish();
        }
    }

    private int receiveLines() {
        for (long printed = 0; count == 0 || printed < count; printed++) {
            Message m = await();
            if (m == null) {
                return timedOut();
            }
            if (!printer.print(m)) {
                return ExitStatus.DONE;
            }
            progress.tick();
        }
        return ExitStatus.DONE;
    }

    /**
     * As {@link #receive()}, while a second thread sends the input; an input line that cannot be
     * read is reported and ends the sending only.
     */
    private int both() {
        Thread sender = new Thread(() -> {
            try {
                for (Message m; (m = nextInput()) != null; ) {
                    sendReporting(m);
                }
            } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException | ZmqException.InterruptedException e) {
                // The command ended (--count, --timeout, Ctrl-C) while this thread waited to send.
            }
        }, "zmq4j-stdin");
        sender.setDaemon(true);
        sender.start();
        return receive();
    }

    /** Sends each input message and prints its reply. */
    private int request() {
        long replies = 0;
        for (Message m; (m = nextInput()) != null; ) {
            socket.send(m);
            Message reply = await();
            if (reply == null) {
                err.println(command + ": no reply within " + describe(timeout));
                err.flush();
                return ExitStatus.TIMED_OUT;
            }
            if (!printer.print(reply) || (count > 0 && ++replies >= count)) {
                return ExitStatus.DONE;
            }
        }
        return inputFailure == null ? ExitStatus.DONE : ExitStatus.USAGE;
    }

    /** Prints each request and answers it with itself or with the next input message. */
    private int reply(boolean echo) {
        for (long answered = 0; count == 0 || answered < count; answered++) {
            Message request = await();
            if (request == null) {
                return timedOut();
            }
            boolean printed = printer.print(request);
            Message answer = echo ? request : nextInput();
            if (answer == null) {
                return inputFailure == null ? ExitStatus.DONE : ExitStatus.USAGE;
            }
            socket.send(answer);
            if (!printed) {
                return ExitStatus.DONE;
            }
        }
        return ExitStatus.DONE;
    }

    private Message await() {
        return timeout == null ? socket.receive() : socket.receive(timeout);
    }

    private int timedOut() {
        return count > 0 ? ExitStatus.TIMED_OUT : ExitStatus.DONE;
    }

    private volatile String inputFailure;

    /** The next input message, or {@code null} at its end or at a line that cannot be read (reported). */
    private Message nextInput() {
        try {
            return input.next();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            inputFailure = e.getMessage();
            err.println(command + ": standard input: " + e.getMessage());
            err.flush();
            return null;
        }
    }

    /** Sends from the BOTH loop's thread; a ROUTER's unknown routing id is reported, not fatal. */
    private void sendReporting(Message m) {
        try {
            socket.send(m);
        } catch (ZmqException.HostUnreachableException e) {
            err.println(command + ": not sent: " + e.getMessage());
            err.flush();
        }
    }

    private static String describe(Duration d) {
        return d == null ? "the receive timeout" : d.toString().substring(2).toLowerCase();
    }
}
