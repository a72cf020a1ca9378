package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Majordomo worker (RFC 7, MDP/Worker): a DEALER that registers one service with a broker,
 * receives its requests one at a time and sends one reply to each.
 *
 * <pre>{@code
 * try (MajordomoWorker worker = new MajordomoWorker(context, "tcp://broker:5555", "echo")) {
 *     worker.run(body -> body);                  // or, in a loop of your own:
 *     MajordomoWorker.Request request = worker.receive();
 *     worker.reply(request, Message.of("done"));
 * }
 * }</pre>
 *
 * <p><b>Connection.</b> The constructor connects to the first endpoint and sends READY. While it
 * waits for a request, the worker sends a HEARTBEAT every {@link Heartbeat#interval()} and takes
 * the broker for dead when it heard nothing from it for {@link Heartbeat#expiry()}: it then closes
 * its socket, waits a back-off (doubling from {@code reconnectInitial} up to {@code reconnectMax},
 * reset whenever the broker is heard from) and registers again on a new socket, with the next
 * endpoint if it was given several (failing over to a backup broker). A DISCONNECT from the broker
 * makes it register again at once on a new socket. The worker does not heartbeat while the
 * application handles a request: a request must take less than {@link Heartbeat#expiry()}, or the
 * broker takes the worker for dead and gives the request to another worker (and this worker's late
 * reply is refused; it then registers again).
 *
 * <p>Answer every request with {@link #reply} before the next {@link #receive}: the broker sends
 * nothing more to a worker that owes a reply, and a worker that heartbeats keeps its unanswered
 * request from going to another worker.
 *
 * <p><b>Thread-safety:</b> {@link #receive}, {@link #reply} and {@link #run} must be called from
 * one thread at a time (MDP's worker handles one request at a time). {@link #close()} may be called
 * from any thread: it sends DISCONNECT, closes the socket, wakes a blocked {@link #receive} (which
 * then throws {@link ZmqException.SocketClosedException}) and ends {@link #run}; it waits at most
 * {@link #CLOSE_WAIT} for a thread from {@link #start} to finish its current request.
 */
public final class MajordomoWorker implements AutoCloseable {
    /** The longest time {@link #close()} waits for the thread of {@link #start} to end. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(MajordomoWorker.class);
    private static final Duration SEND_WAIT = Duration.ofSeconds(1);
    private static final Duration DISCONNECT_LINGER = Duration.ofMillis(100);

    /**
     * A request received by {@link #receive}: answer it with {@link #reply}. Immutable.
     */
    public static final class Request {
        private final Frame client;
        private final Message body;
        private final Socket socket;

        Request(Frame client, Message body, Socket socket) {
            this.client = client;
            this.body = body;
            this.socket = socket;
        }

        /** {@return the client's address, as the broker gave it (opaque)} */
        public Frame client() {
            return client;
        }

        /** {@return the request's body (one frame or more)} */
        public Message body() {
            return body;
        }

        @Override
        public String toString() {
            return "Request[client=" + Mdp.hex(client) + ", body=" + body + "]";
        }
    }

    private final Context context;
    private final List<String> endpoints;
    private final String service;
    private final Heartbeat heartbeat;
    private final long reconnectInitialNanos;
    private final long reconnectMaxNanos;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong reconnects = new AtomicLong();
    private volatile Socket socket;
    private volatile boolean closed;
    private volatile Thread runner;

    // Used by the worker's thread.
    private int next;
    private long backoffNanos;
    private long brokerDeadlineNanos;
    private long nextHeartbeatNanos;

    /**
     * Creates a worker for {@code service}, connects it to the first of {@code endpoints} and sends READY.
     *
     * @param context          the context of the worker's sockets
     * @param endpoints        the brokers, the next tried after each broker expiry; at least one
     * @param service          the service's name; not in the {@code mmi.} namespace
     * @param heartbeat        how often the worker beats, and when a silent broker expires
     * @param reconnectInitial the first back-off after the broker expired; {@code >= 0}
     * @param reconnectMax     the longest back-off; {@code >= reconnectInitial}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public MajordomoWorker(Context context, List<String> endpoints, String service, Heartbeat heartbeat,
            Duration reconnectInitial, Duration reconnectMax) {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("endpoints: " + endpoints + " (expected: at least one)");
        }
        if (service == null || service.isEmpty() || Mdp.isManagement(service)) {
            throw new IllegalArgumentException("service: '" + service + "' (expected: a name not starting with " + Mdp.MMI_PREFIX + ")");
        }
        if (reconnectInitial.isNegative() || reconnectMax.compareTo(reconnectInitial) < 0) {
            throw new IllegalArgumentException("reconnect: " + reconnectInitial + ".." + reconnectMax
                    + " (expected: 0 <= initial <= max)");
        }
        this.context = context;
        this.endpoints = List.copyOf(endpoints);
        this.service = service;
        this.heartbeat = heartbeat;
        this.reconnectInitialNanos = reconnectInitial.toNanos();
        this.reconnectMaxNanos = reconnectMax.toNanos();
        this.backoffNanos = reconnectInitialNanos;
        connect();
    }

    /**
     * A worker of one broker with {@link Heartbeat#MDP} and a back-off of 1 s doubling up to 32 s.
     *
     * @param context  the context of the worker's sockets
     * @param endpoint the broker
     * @param service  the service's name; not in the {@code mmi.} namespace
     * @throws IllegalArgumentException if the service's name is empty or in the {@code mmi.} namespace
     */
    public MajordomoWorker(Context context, String endpoint, String service) {
        this(context, List.of(endpoint), service, Heartbeat.MDP, Duration.ofSeconds(1), Duration.ofSeconds(32));
    }

    /** {@return the service this worker registers} */
    public String service() {
        return service;
    }

    /** {@return how many times the worker registered again on a new socket (after broker expiry or DISCONNECT)} */
    public long reconnects() {
        return reconnects.get();
    }

    /**
     * Waits for the next request, heartbeating and reconnecting meanwhile as the class describes.
     *
     * @return the request
     * @throws ZmqException.SocketClosedException if the worker is or gets closed
     */
    public Request receive() {
        return receive(Option.FOREVER);
    }

    /**
     * As {@link #receive()}, waiting at most {@code timeout} (negative: forever).
     *
     * @param timeout the longest wait
     * @return the request, or {@code null} if none came
     * @throws ZmqException.SocketClosedException if the worker is or gets closed
     */
    public Request receive(Duration timeout) {
        long endNanos = timeout.isNegative() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        for (;;) {
            checkOpen();
            long now = System.nanoTime();
            if (now - nextHeartbeatNanos >= 0) {
                send(Mdp.HEARTBEAT, List.of());
            }
            long waitNanos = Math.min(brokerDeadlineNanos - now, nextHeartbeatNanos - now);
            if (endNanos != Long.MAX_VALUE) {
                waitNanos = Math.min(waitNanos, endNanos - now);
            }
            // Whatever the broker sent already is read before its silence is judged.
            Socket s = socket;
            Message m = s.receive(Duration.ofNanos(Math.max(0, waitNanos)));
            if (m != null) {
                brokerDeadlineNanos = System.nanoTime() + heartbeat.expiry().toNanos();
                backoffNanos = reconnectInitialNanos;
                Request request = parse(m, s);
                if (request != null) {
                    return request;
                }
                continue;
            }
            now = System.nanoTime();
            if (now - brokerDeadlineNanos >= 0) {
                log.debug("majordomo worker '{}': broker {} silent for {}; reconnecting", service, endpoints.get(next), heartbeat.expiry());
                next = (next + 1) % endpoints.size();
                reconnect(true);
            } else if (endNanos != Long.MAX_VALUE && endNanos - now <= 0) {
                return null;
            }
        }
    }

    /**
     * Sends the reply to {@code request}. A reply to a request received on a socket since replaced
     * (the worker reconnected meanwhile: the broker has given the request to another worker) is
     * dropped.
     *
     * @param request the request answered
     * @param body    the reply's body
     * @throws ZmqException.SocketClosedException if the worker is closed
     */
    public void reply(Request request, Message body) {
        if (request == null || body == null) {
            throw new IllegalArgumentException("request, body: " + request + ", " + body + " (expected: non-null)");
        }
        checkOpen();
        if (request.socket != socket) {
            log.debug("majordomo worker '{}': reply to {} dropped (the worker reconnected since)", service, request);
            return;
        }
        send(Mdp.REPLY, Mdp.frames(request.client, Frame.EMPTY), body);
        // The broker heartbeats idle workers only: its silence counts from now, not from the request.
        brokerDeadlineNanos = System.nanoTime() + heartbeat.expiry().toNanos();
    }

    /**
     * Receives requests and answers each with {@code handler}'s result, on the calling thread,
     * until the worker is closed (or its context): then returns normally. An exception from
     * {@code handler} ends the loop and is thrown (the request stays unanswered: the broker gives
     * it to another worker once this one expires or is closed).
     *
     * @param handler the reply's body for a request's body
     * @throws IllegalStateException if {@code handler} returns {@code null}
     */
    public void run(Function<Message, Message> handler) {
        try {
            while (!closed) {
                Request request = receive();
                Message reply = handler.apply(request.body());
                if (reply == null) {
                    throw new IllegalStateException("majordomo worker '" + service + "': handler returned null (expected: a reply)");
                }
                reply(request, reply);
            }
        } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException e) {
            log.debug("majordomo worker '{}': closed; loop ends", service);
        }
    }

    /**
     * Runs {@link #run} on a new daemon thread.
     *
     * @param handler the reply's body for a request's body
     * @return the thread
     */
    public Thread start(Function<Message, Message> handler) {
        Thread t = new Thread(() -> {
            try {
                run(handler);
            } catch (RuntimeException e) {
                log.warn("majordomo worker '{}': handler failed; worker stopped", service, e);
            }
        }, "zmq4j-mdp-worker-" + service);
        t.setDaemon(true);
        runner = t;
        t.start();
        return t;
    }

    /**
     * Sends DISCONNECT (best effort), closes the socket and waits at most {@link #CLOSE_WAIT} for
     * the thread of {@link #start} to end. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        Socket s = socket;
        try {
            s.set(Option.LINGER, DISCONNECT_LINGER);
            s.trySend(Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
        } catch (ZmqException e) {
            log.debug("majordomo worker '{}': no DISCONNECT sent: {}", service, e.getMessage());
        }
        s.close();
        Thread t = runner;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- on the worker's thread ----

    /** The request in {@code m}, or {@code null} after handling any other command. */
    private Request parse(Message m, Socket from) {
        WorkerInbound in = WorkerInbound.classify(m);
        if (in instanceof WorkerInbound.BrokerRequest r) {
            return new Request(r.client(), r.body(), from);
        }
        if (in instanceof WorkerInbound.Disconnect) {
            log.debug("majordomo worker '{}': DISCONNECT from the broker; registering again", service);
            reconnect(false);
        } else if (in instanceof WorkerInbound.Dropped d) {
            log.warn("majordomo worker '{}': dropped {}: {}", service, d.reason(), m);
        }
        return null;
    }

    private void send(byte command, List<Frame> rest) {
        send(command, rest, null);
    }

    private void send(byte command, List<Frame> rest, Message body) {
        List<Frame> frames = Mdp.workerCommand(command, rest);
        Message m = body == null ? Message.of(frames) : Mdp.concat(frames, body);
        if (!socket.send(m, SEND_WAIT)) {
            log.debug("majordomo worker '{}': {} not sent within {}", service, Mdp.commandName(command), SEND_WAIT);
        }
        nextHeartbeatNanos = System.nanoTime() + heartbeat.interval().toNanos();
    }

    /** Closes the socket and registers again on a new one, after the back-off if {@code wait}. */
    private void reconnect(boolean wait) {
        socket.close();
        reconnects.incrementAndGet();
        if (wait && backoffNanos > 0) {
            try {
                if (closing.await(backoffNanos, TimeUnit.NANOSECONDS)) {
                    checkOpen();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZmqException.InterruptedException("majordomo worker '" + service + "': interrupted while backing off");
            }
            backoffNanos = Math.min(reconnectMaxNanos, backoffNanos * 2);
        }
        checkOpen();
        connect();
    }

    private void connect() {
        Socket dealer = context.socket(SocketType.DEALER);
        try {
            dealer.set(Option.LINGER, Duration.ZERO);
            dealer.connect(endpoints.get(next));
        } catch (RuntimeException e) {
            dealer.close();
            throw e;
        }
        socket = dealer;
        if (closed) {
            dealer.close();
            checkOpen();
        }
        brokerDeadlineNanos = System.nanoTime() + heartbeat.expiry().toNanos();
        send(Mdp.READY, Mdp.frames(Frame.of(service)));
    }

    private void checkOpen() {
        if (closed) {
            throw new ZmqException.SocketClosedException("majordomo worker '" + service + "': closed");
        }
    }
}
