package dev.zmq4j.cli.socket;

/**
 * The exit statuses of the socket commands and {@code proxy}.
 *
 * <pre>
 *   0    done: the input was sent, --count messages arrived, --timeout passed without --count,
 *        or standard output was closed by its reader
 *   1    timed out: --timeout passed before --count messages arrived (or before a REQ's reply)
 *   2    usage error (picocli's), including an input line not valid in --input-format
 *   3    an endpoint could not be bound or connected (address in use, malformed endpoint)
 *   130  interrupted (Ctrl-C): the sockets were closed within LINGER
 * </pre>
 */
public final class ExitStatus {
    public static final int DONE = 0;
    public static final int TIMED_OUT = 1;
    public static final int USAGE = 2;
    public static final int ENDPOINT_FAILED = 3;
    public static final int INTERRUPTED = 130;

    private ExitStatus() {
    }
}
