package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.LazyPirateClient;
import java.time.Duration;
import java.util.List;

/**
 * A synchronous Majordomo client (RFC 7, MDP/Client over a REQ socket): a {@link LazyPirateClient}
 * speaking MDP, so it retries and fails over between brokers as that one does.
 *
 * <pre>{@code
 * try (MajordomoClient client = new MajordomoClient(context,
 *         List.of("tcp://primary:5555", "tcp://backup:5556"), Duration.ofSeconds(2), 2)) {
 *     Message reply = client.request("echo", Message.of("hello"));
 * }
 * }</pre>
 *
 * <p>{@link #request} sends {@code MDPC01 | service | body...} and waits {@code timeout} for the
 * reply. When none comes, the REQ is closed with LINGER 0 (dropping the request and any late
 * reply) and the request is sent again on a new REQ connected to the <em>next</em> endpoint (the
 * first again after the last), up to {@code retries} times: a client given a Binary Star pair thus
 * moves to the backup when the primary stops answering. After {@code 1 + retries} unanswered tries
 * it throws {@link NoReplyException}, and the next request starts on a fresh socket. A request may
 * be executed more than once (MDP's workers are idempotent); the client returns only one reply.
 * A reply that is not {@code MDPC01 | service | body...} for the service asked counts as no reply.
 *
 * <p><b>Thread-safety:</b> thread-safe. Requests from several threads are serialised (a fair lock
 * that does not pin virtual threads). {@link #close()} may be called from any thread; a request in
 * progress then fails with {@link ZmqException.SocketClosedException}.
 */
public final class MajordomoClient implements AutoCloseable {
    private final LazyPirateClient pirate;

    /**
     * Creates a client and connects its first REQ to the first of {@code endpoints}.
     *
     * @param context   the context of the client's sockets
     * @param endpoints the brokers, tried in turn, one per try; at least one
     * @param timeout   how long each try waits for the reply; positive
     * @param retries   how many times a request is sent again after the first try; {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MajordomoClient(Context context, List<String> endpoints, Duration timeout, int retries) {
        this.pirate = new LazyPirateClient(context, endpoints, timeout, retries);
    }

    /**
     * A client of one broker.
     *
     * @param context  the context of the client's sockets
     * @param endpoint the broker
     * @param timeout  how long each try waits for the reply; positive
     * @param retries  how many times a request is sent again after the first try; {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MajordomoClient(Context context, String endpoint, Duration timeout, int retries) {
        this(context, List.of(endpoint), timeout, retries);
    }

    /** {@return the brokers' endpoints, in the order they are tried} */
    public List<String> endpoints() {
        return pirate.endpoints();
    }

    /**
     * Sends {@code body} to {@code service} and returns the reply's body, retrying and failing over
     * as the class describes. Waits at most about {@code (1 + retries) * timeout}, plus the time to
     * wait for other threads' requests.
     *
     * @param service the service's name
     * @param body    the request's body
     * @return the reply's body
     * @throws NoReplyException                   if no try got a reply
     * @throws ZmqException.SocketClosedException if the client is or gets closed
     * @throws ZmqException.InterruptedException  if the thread is interrupted while waiting
     */
    public Message request(String service, Message body) {
        if (service == null || body == null) {
            throw new IllegalArgumentException("service, body: " + service + ", " + body + " (expected: non-null)");
        }
        Message request = Mdp.concat(Mdp.frames(Mdp.CLIENT_FRAME, Frame.of(service)), body);
        try {
            return Mdp.body(pirate.request(request, reply -> isReplyFor(reply, service)), 2);
        } catch (LazyPirateClient.NoReplyException e) {
            throw new NoReplyException(service, e.endpoints(), e.tries(), pirate.timeout());
        }
    }

    /**
     * As {@link #request(String, Message)} with one UTF-8 frame each way.
     *
     * @param service the service's name
     * @param body    the request's text
     * @return the reply's first frame as text
     * @throws NoReplyException                   if no try got a reply
     * @throws ZmqException.SocketClosedException if the client is or gets closed
     * @throws ZmqException.InterruptedException  if the thread is interrupted while waiting
     */
    public String request(String service, String body) {
        return request(service, Message.of(body)).first().toUtf8();
    }

    /** Closes the socket, dropping any unanswered request. Idempotent. */
    @Override
    public void close() {
        pirate.close();
    }

    private static boolean isReplyFor(Message reply, String service) {
        return reply.size() >= 3 && Mdp.isHeader(reply.frame(0), Mdp.CLIENT_FRAME) && Mdp.text(reply.frame(1)).equals(service);
    }
}
