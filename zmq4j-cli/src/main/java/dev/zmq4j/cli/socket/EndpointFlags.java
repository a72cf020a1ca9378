package dev.zmq4j.cli.socket;

import dev.zmq4j.Socket;
import dev.zmq4j.ZmqException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The {@code --bind} and {@code --connect} flags of a socket command (a picocli mixin), each
 * repeatable, and attaching a socket to them: binds first, in the order given, then connects.
 * A bound endpoint whose address or port was chosen by the system ({@code tcp://127.0.0.1:*},
 * {@code ipc://*}) is reported on standard error as {@code bound <actual endpoint>}, so that an
 * operator (or a test) can connect to it.
 *
 * <p>Not thread-safe: used by the command's thread.
 */
public final class EndpointFlags {
    @Option(names = "--bind", paramLabel = "EP", description = "bind to EP, e.g. tcp://*:5555 or ipc:///tmp/feed (repeatable)")
    List<String> binds = new ArrayList<>();

    @Option(names = "--connect", paramLabel = "EP", description = "connect to EP, e.g. tcp://127.0.0.1:5555 (repeatable)")
    List<String> connects = new ArrayList<>();

    /** Whether at least one endpoint was given. */
    boolean any() {
        return !binds.isEmpty() || !connects.isEmpty();
    }

    /**
     * Binds and connects {@code socket}; on the first failure prints one line naming the endpoint
     * and the cause to {@code err} and returns {@code false}.
     *
     * @param bound told each actual bound endpoint (tests bind to port 0 and need it)
     */
    boolean attach(Socket socket, String command, PrintWriter err, Consumer<String> bound) {
        for (String ep : binds) {
            try {
                String actual = socket.bind(ep);
                if (!actual.equals(ep)) {
                    err.println(command + ": bound " + actual);
                    err.flush();
                }
                bound.accept(actual);
            } catch (ZmqException.AddressInUseException e) {
                return failed(err, command, "cannot bind " + ep + ": address in use");
            } catch (ZmqException | IllegalArgumentException | IllegalStateException e) {
                return failed(err, command, "cannot bind " + ep + ": " + cause(e, ep));
            }
        }
        for (String ep : connects) {
            try {
                socket.connect(ep);
            } catch (ZmqException | IllegalArgumentException | IllegalStateException e) {
                return failed(err, command, "cannot connect to " + ep + ": " + cause(e, ep));
            }
        }
        return true;
    }

    /** The exception's message without a leading copy of the endpoint. */
    private static String cause(RuntimeException e, String ep) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith(ep + ": ") ? m.substring(ep.length() + 2) : m;
    }

    private static boolean failed(PrintWriter err, String command, String line) {
        err.println(command + ": " + line);
        err.flush();
        return false;
    }
}
