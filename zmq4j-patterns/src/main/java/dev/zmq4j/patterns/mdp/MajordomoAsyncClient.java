package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An asynchronous Majordomo client (RFC 7, MDP/Client over a DEALER socket): many requests in
 * flight, replies received as they come.
 *
 * <pre>{@code
 * try (MajordomoAsyncClient client = new MajordomoAsyncClient(context, "tcp://broker:5555")) {
 *     for (int i = 0; i < 100; i++) client.send("echo", Message.of("job " + i));
 *     for (int i = 0; i < 100; i++) {
 *         MajordomoAsyncClient.Reply reply = client.receive(Duration.ofSeconds(2));
 *         if (reply == null) break;   // timed out: what is missing was lost
 *     }
 * }
 * }</pre>
 *
 * <p><b>Matching replies to requests.</b> MDP carries no request id: a reply names only its
 * service. Requests of one service reach the broker in the order sent and a broker with one
 * worker for the service answers them in that order, so, per service, the n-th reply answers the
 * n-th request. With several workers, or after a worker failure, replies can come out of order:
 * put your own id in the body when order matters. There are no retries here: a request lost with
 * a worker that the broker re-queues is answered later; a request lost with the broker is never
 * answered, and {@link #receive(Duration)} times out.
 *
 * <p><b>Thread-safety:</b> thread-safe; one thread may send while another receives. Bodies are
 * whole messages, so requests from several threads never interleave.
 */
public final class MajordomoAsyncClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MajordomoAsyncClient.class);

    /**
     * A reply and the service it came from.
     *
     * @param service the service's name
     * @param body    the reply's body
     */
    public record Reply(String service, Message body) {
    }

    private final Socket socket;

    /**
     * Creates a client whose DEALER connects to the broker at {@code endpoint}.
     *
     * @param context  the context of the client's socket
     * @param endpoint the broker, e.g. {@code tcp://broker:5555}
     */
    public MajordomoAsyncClient(Context context, String endpoint) {
        socket = context.socket(SocketType.DEALER);
        try {
            socket.set(Option.LINGER, Duration.ZERO);
            socket.connect(endpoint);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends a request, waiting at most {@code timeout} if the socket's queue is full.
     *
     * @param service the service's name
     * @param body    the request's body
     * @param timeout the longest wait
     * @return {@code false} if it could not be queued within {@code timeout}
     * @throws dev.zmq4j.ZmqException.SocketClosedException if the client is closed
     */
    public boolean send(String service, Message body, Duration timeout) {
        if (service == null || body == null) {
            throw new IllegalArgumentException("service, body: " + service + ", " + body + " (expected: non-null)");
        }
        return socket.send(Mdp.concat(Mdp.frames(Frame.EMPTY, Mdp.CLIENT_FRAME, Frame.of(service)), body), timeout);
    }

    /**
     * As {@link #send(String, Message, Duration)}, waiting as long as the queue is full.
     *
     * @param service the service's name
     * @param body    the request's body
     */
    public void send(String service, Message body) {
        send(service, body, Option.FOREVER);
    }

    /**
     * The next reply, waiting at most {@code timeout}; {@code null} if none came. Messages that
     * are not an MDP/Client REPLY are dropped (and logged).
     *
     * @param timeout the longest wait
     * @return the reply with the service that sent it, or {@code null}
     * @throws dev.zmq4j.ZmqException.SocketClosedException if the client is or gets closed
     */
    public Reply receive(Duration timeout) {
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        for (;;) {
            Message m = socket.receive(Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
            if (m == null) {
                return null;
            }
            if (m.size() >= 4 && m.frame(0).isEmpty() && Mdp.isHeader(m.frame(1), Mdp.CLIENT_FRAME)) {
                return new Reply(Mdp.text(m.frame(2)), Mdp.body(m, 3));
            }
            log.warn("majordomo async client: dropped a malformed reply: {}", m);
        }
    }

    /** Closes the socket, dropping unanswered requests. Idempotent. */
    @Override
    public void close() {
        socket.close();
    }
}
