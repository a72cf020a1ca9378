package dev.zmq4j.patterns;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reliable request-reply client in the zguide's "Lazy Pirate" shape: a REQ socket whose
 * request is retried on a fresh socket when no reply comes in time.
 *
 * <pre>{@code
 * try (LazyPirateClient client = new LazyPirateClient(context, "tcp://server:5555",
 *         Duration.ofMillis(2500), 3)) {
 *     Message reply = client.request(Message.of("hello"));
 * }
 * }</pre>
 *
 * <p>{@link #request} sends on a REQ and waits {@code timeout} for the reply. When none comes, the
 * REQ (stuck in its lock-step) is closed with LINGER 0, so the unanswered request and any late
 * reply are dropped, and the request is sent again on a new REQ, up to {@code retries} times.
 * Given several endpoints, each new REQ connects to the <em>next</em> one (the first again after
 * the last): a client of a primary and a backup server moves to the backup when the primary stops
 * answering, and stays there while it answers. After {@code 1 + retries} unanswered tries it
 * throws {@link NoReplyException}, naming the endpoints and the number of tries, and leaves a
 * fresh socket for the next request. A request may thus reach a server more than once: requests
 * should be idempotent, as the zguide says.
 *
 * <p><b>Thread-safety:</b> thread-safe. Requests from several threads are serialised (one at a
 * time on the one socket, a fair lock that does not pin virtual threads). {@link #close()} may be
 * called from any thread; a request in progress then fails with
 * {@link ZmqException.SocketClosedException}.
 */
public final class LazyPirateClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LazyPirateClient.class);

    /** No reply came after every try. */
    public static final class NoReplyException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /** The servers' endpoints, in the order the client tries them. */
        private final List<String> endpoints;
        /** How many times the request was sent. */
        private final int tries;

        NoReplyException(List<String> endpoints, int tries, Duration timeout) {
            super("no reply from " + String.join(", ", endpoints) + " after " + tries + " tries (" + timeout + " each)");
            this.endpoints = endpoints;
            this.tries = tries;
        }

        /** {@return the server's endpoint (the first, if the client was given several)} */
        public String endpoint() {
            return endpoints.get(0);
        }

        /** {@return the servers' endpoints, in the order the client tries them} */
        public List<String> endpoints() {
            return endpoints;
        }

        /** {@return how many times the request was sent} */
        public int tries() {
            return tries;
        }
    }

    private final Context context;
    private final List<String> endpoints;
    private final Duration timeout;
    private final int retries;
    private final ReentrantLock lock = new ReentrantLock(true);
    private int next;
    private volatile Socket socket;
    private volatile boolean closed;

    /**
     * Creates a client and connects its first REQ to the first of {@code endpoints}.
     *
     * @param context   the context of the client's sockets
     * @param endpoints the servers, one per try, in turn; at least one
     * @param timeout   how long each try waits for the reply; positive
     * @param retries   how many times a request is sent again after the first try; {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public LazyPirateClient(Context context, List<String> endpoints, Duration timeout, int retries) {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: " + endpoints + " (expected: at least one)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries: " + retries + " (expected: >= 0)");
        }
        this.context = context;
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.retries = retries;
        this.socket = newSocket();
    }

    /**
     * A client of one server.
     *
     * @param context  the context of the client's sockets
     * @param endpoint the server
     * @param timeout  how long each try waits for the reply; positive
     * @param retries  how many times a request is sent again after the first try; {@code >= 0}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public LazyPirateClient(Context context, String endpoint, Duration timeout, int retries) {
        this(context, List.of(endpoint), timeout, retries);
    }

    /** {@return the server's endpoint (the first, if the client was given several)} */
    public String endpoint() {
        return endpoints.get(0);
    }

    /** {@return the servers' endpoints, in the order they are tried} */
    public List<String> endpoints() {
        return endpoints;
    }

    /** {@return how long each try waits for its reply} */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Sends {@code request} and returns the reply, retrying on a new socket as the class describes.
     * Waits at most about {@code (1 + retries) * timeout}, plus the time to wait for other
     * threads' requests.
     *
     * @param request the request
     * @return the reply
     * @throws NoReplyException                    if no try got a reply
     * @throws ZmqException.SocketClosedException  if the client is or gets closed
     * @throws ZmqException.InterruptedException   if the thread is interrupted while waiting for
     *                                             its turn or for a reply
     */
    public Message request(Message request) {
        return request(request, reply -> true);
    }

    /**
     * As {@link #request(Message)}, where a reply that {@code valid} refuses (malformed for the
     * protocol spoken over this client) is logged at WARN and counts as no reply.
     *
     * @param request the request
     * @param valid   whether a reply is one the protocol allows
     * @return the first valid reply
     * @throws NoReplyException                    if no try got a valid reply
     * @throws ZmqException.SocketClosedException  if the client is or gets closed
     * @throws ZmqException.InterruptedException   if the thread is interrupted while waiting for
     *                                             its turn or for a reply
     */
    public Message request(Message request, Predicate<Message> valid) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException("lazy pirate " + endpoints + ": interrupted while waiting for its turn");
        }
        try {
            int tries = 1 + retries;
            for (int attempt = 1; attempt <= tries; attempt++) {
                checkOpen();
                Socket req = socket;
                // REQ queues the request even before its connection is up: the reply wait covers both.
                long deadlineNanos = System.nanoTime() + timeout.toNanos();
                if (req.send(request, timeout)) {
                    long leftNanos = Math.max(0, deadlineNanos - System.nanoTime());
                    Message reply = req.receive(Duration.ofNanos(leftNanos));
                    if (reply != null && valid.test(reply)) {
                        return reply;
                    }
                    if (reply != null) {
                        log.warn("lazy pirate {}: dropped a malformed reply: {}", endpoints.get(next), reply);
                    }
                }
                log.debug("lazy pirate {}: no reply within {} (try {} of {}); new socket", endpoints.get(next), timeout, attempt, tries);
                replaceSocket();
            }
            throw new NoReplyException(endpoints, tries, timeout);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the socket, dropping any unanswered request. Idempotent. */
    @Override
    public void close() {
        closed = true;
        socket.close();
    }

    private void replaceSocket() {
        socket.close();
        checkOpen();
        next = (next + 1) % endpoints.size();
        Socket fresh = newSocket();
        socket = fresh;
        if (closed) {
            fresh.close();
        }
    }

    private Socket newSocket() {
        Socket req = context.socket(SocketType.REQ);
        try {
            req.set(Option.LINGER, Duration.ZERO);
            req.connect(endpoints.get(next));
        } catch (RuntimeException e) {
            req.close();
            throw e;
        }
        return req;
    }

    private void checkOpen() {
        if (closed) {
            throw new ZmqException.SocketClosedException("lazy pirate " + endpoints + ": closed");
        }
    }
}
