package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.patterns.Reactor;
import java.time.Duration;

/**
 * A Majordomo broker (RFC 7, MDP/0.1, with the management services of RFC 8): one ROUTER socket
 * that clients and workers both connect to, routing each client's request to a worker of the
 * service it names.
 *
 * <pre>{@code
 * try (MajordomoBroker broker = new MajordomoBroker(context, Heartbeat.MDP)) {
 *     String endpoint = broker.bind("tcp://*:5555");
 *     broker.start();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Routing.</b> A service exists from the first request or READY that names it, and as long
 * as it has a worker or a request waiting. Each service keeps a queue of requests and a list of
 * idle workers; a request goes to the worker idle the longest, and waits in the queue while none
 * is idle (also while the service has no worker at all). A queued request older than
 * {@link #requestTtl(Duration) the request TTL} (default one minute) is dropped: its client has
 * long given up. A service left with neither workers nor requests is forgotten. A worker's REPLY
 * goes back to the client that asked, with the service's name.
 *
 * <p><b>Bounded.</b> Clients cannot make the broker know more than
 * {@link #maxServices(int) a number of services} (default {@value #DEFAULT_MAX_SERVICES}): a
 * request naming a service the broker does not know, once it knows that many, is dropped;
 * requests for known services and workers' READY are not affected. With the TTL, this bounds what
 * a client naming a new service each request (a typo in a loop, or an attack) makes the broker
 * hold. A service's queue holds at most {@link #maxQueuedRequests(int) a number of requests}
 * (default {@value #DEFAULT_MAX_QUEUED_REQUESTS}): a request for a service whose queue is full is
 * dropped, and those queued keep their place (the client waiting longest is served first). It
 * holds at most {@link #maxQueuedBytes(long) a number of bytes} of requests too (default 64 MiB,
 * the sum of the requests' body frames): a request that would take its queue over that, no
 * worker being idle, is dropped in the same way. A request with a frame larger than
 * {@link #maxMessageSize(long) the largest message size} (default: no limit; the ROUTER's
 * {@code MAXMSGSIZE}) is not even received: its connection is closed. A dropped request is counted in {@link #requestsDropped()}, logged (a WARN at the first of a
 * burst, then DEBUG), told to the listener, and not answered: MDP has no error reply, so its
 * client times out (and retries, or fails over). A request taken back from a gone worker is
 * never dropped: it goes back to its queue even when the queue is full, ahead of every request
 * that arrived after it (queues stay in order of arrival, so that expiry looks at the expired
 * requests only).
 *
 * <p><b>Failures.</b> The broker heartbeats its idle workers every {@link Heartbeat#interval()}
 * and takes a worker for dead once it heard nothing from it for {@link Heartbeat#expiry()}; a busy
 * worker is silent while it works, so a request must take less than that. A worker that expires,
 * sends DISCONNECT or breaks the protocol is forgotten, and the request it held, remembered by the
 * broker, goes back to its service's queue, ahead of the requests that arrived after it, for
 * another worker. A late reply from a
 * forgotten worker is dropped (the worker is sent DISCONNECT and re-registers), so a client gets
 * at most one reply per request. A worker that breaks the protocol (a second READY, a REPLY it
 * owes nobody, a command from an unregistered worker other than READY, a malformed command, or a
 * READY for an {@code mmi.*} service) is sent DISCONNECT. A client message that is not an MDP
 * command is dropped.
 *
 * <p><b>Management.</b> {@code mmi.service} answers "200" if the service named in the request's
 * body has a worker, else "404"; any other {@code mmi.*} service answers "501".
 *
 * <p><b>Hooks.</b> A {@link ClientAdmission} sees each client request first and may drop it
 * (Binary Star's gate); a {@link BrokerListener} is told each step (a verbose log). Counters
 * ({@link #requestsReceived()} ...) are readable from any thread.
 *
 * <p><b>Thread-safety:</b> thread-safe. The broker's state lives on one loop thread (a
 * {@link Reactor}); {@link #bind}, the setters, the counters and {@link #close()} may be called
 * from any thread. {@link #close()} returns within about {@link Reactor#CLOSE_WAIT}.
 */
public final class MajordomoBroker implements AutoCloseable {
    /** The default of {@link #maxServices(int)}. */
    public static final int DEFAULT_MAX_SERVICES = 10_000;
    /**
     * The default of {@link #maxQueuedRequests(int)}. RFC 7's client is synchronous, so a queue holds
     * about one request per client waiting: 10,000 is that many clients waiting at once on one
     * service with no idle worker (the RFC scales to "thousands" of clients), while it bounds what
     * a pipelining client ({@link MajordomoAsyncClient}) sending to a service nobody serves makes
     * the broker hold: at 1 KiB a request, about 10 MiB per service.
     */
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 10_000;
    /**
     * The default of {@link #maxQueuedBytes(long)}, 64 MiB: {@value #DEFAULT_MAX_QUEUED_REQUESTS}
     * requests of about 6 KiB each.
     */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;

    private final Heartbeat heartbeat;
    private final Socket socket;
    private final Reactor reactor;
    private final BrokerCounters counters = new BrokerCounters();
    private final BrokerServices services =
            new BrokerServices(DEFAULT_MAX_SERVICES, DEFAULT_MAX_QUEUED_REQUESTS, DEFAULT_MAX_QUEUED_BYTES);
    private final BrokerDrops drops = new BrokerDrops();
    private final BrokerLoop loop;
    private volatile boolean bound;

    /**
     * Creates a broker with its ROUTER socket in {@code context}; bind it, then {@link #start()}.
     *
     * @param context   the context of the broker's socket
     * @param heartbeat how often the broker and its workers beat, and when a silent one expires
     * @throws dev.zmq4j.ZmqException.ContextClosedException if the context is closed
     */
    public MajordomoBroker(Context context, Heartbeat heartbeat) {
        if (heartbeat == null) {
            throw new IllegalArgumentException("heartbeat: null (expected: a Heartbeat)");
        }
        this.heartbeat = heartbeat;
        this.socket = context.socket(SocketType.ROUTER);
        try {
            socket.set(Option.LINGER, Duration.ZERO);
            this.reactor = new Reactor(context);
            this.loop = new BrokerLoop(socket, heartbeat, services, drops, counters);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A broker with {@link Heartbeat#MDP}.
     *
     * @param context the context of the broker's socket
     */
    public MajordomoBroker(Context context) {
        this(context, Heartbeat.MDP);
    }

    /**
     * Binds the broker's socket; may be called several times, before or after {@link #start()}.
     *
     * @param endpoint where clients and workers connect, e.g. {@code tcp://*:5555}
     * @return the endpoint bound, with the port the system chose for {@code *}
     */
    public String bind(String endpoint) {
        bound = true;
        return socket.bind(endpoint);
    }

    /**
     * Starts the broker's loop on a new thread.
     *
     * @throws IllegalStateException if it was started or closed before
     */
    public void start() {
        reactor.register(socket, s -> {
            Message m;
            while ((m = s.tryReceive()) != null) {
                loop.route(m);
            }
            return true;
        });
        reactor.every(heartbeat.interval(), loop::onHeartbeatTick);
        reactor.start();
    }

    /**
     * Sets who admits client requests (default {@link ClientAdmission#ALL}); takes effect with the next request.
     *
     * @param admission the gate; {@code null} for {@link ClientAdmission#ALL}
     */
    public void admission(ClientAdmission admission) {
        loop.admission(admission);
    }

    /**
     * Sets the listener told each step (default: none).
     *
     * @param listener the listener; {@code null} for none
     */
    public void listener(BrokerListener listener) {
        loop.listener(listener);
    }

    /**
     * Sets how long a request may wait in its service's queue before it is dropped (default 1 min).
     *
     * @param ttl positive
     * @throws IllegalArgumentException if {@code ttl} is not positive
     */
    public void requestTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
        }
        loop.requestTtl(ttl);
    }

    /**
     * Sets how many services client requests may make the broker know (default
     * {@value #DEFAULT_MAX_SERVICES}); see the class comment. Takes effect with the next request;
     * services known beyond a lowered limit stay until they have neither workers nor requests.
     *
     * @param max the most services client requests may make the broker know
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public void maxServices(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxServices: " + max + " (expected: > 0)");
        }
        services.limit(max);
    }

    /**
     * Sets how many requests may wait in one service's queue (default
     * {@value #DEFAULT_MAX_QUEUED_REQUESTS}); see the class comment. Takes effect with the next
     * request; requests queued beyond a lowered limit stay queued.
     *
     * @param max the most requests a service's queue may hold before new ones are dropped
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public void maxQueuedRequests(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxQueuedRequests: " + max + " (expected: > 0)");
        }
        services.queueLimit(max);
    }

    /**
     * Sets how many bytes of requests may wait in one service's queue (default
     * {@value #DEFAULT_MAX_QUEUED_BYTES}, 64 MiB), counting each request's body frames; see the
     * class comment. Takes effect with the next request; requests queued beyond a lowered limit
     * stay queued.
     *
     * @param bytes the most bytes a service's queue may hold; a request taking it over is dropped
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public void maxQueuedBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxQueuedBytes: " + bytes + " (expected: > 0)");
        }
        services.queueByteLimit(bytes);
    }

    /**
     * Sets the largest message frame the broker's ROUTER accepts, its {@link Option#MAXMSGSIZE}
     * (default: no limit). A peer sending a larger frame is disconnected by the socket: the request
     * never reaches the broker, is not counted, and MDP's client times out. Applies to the
     * connections the socket accepts, so it must be set before {@link #bind}.
     *
     * @param bytes the largest frame accepted, in bytes
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws IllegalStateException    if the broker was bound already
     */
    public void maxMessageSize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("maxMessageSize: " + bytes + " (expected: > 0)");
        }
        if (bound) {
            throw new IllegalStateException("maxMessageSize: the broker is bound (expected: set before bind)");
        }
        socket.set(Option.MAXMSGSIZE, bytes);
    }

    /** {@return the broker's heartbeat settings} */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** {@return the client requests received and admitted (MMI ones included)} */
    public long requestsReceived() {
        return counters.requestsReceived.get();
    }

    /** {@return the client requests dropped because {@link ClientAdmission} refused them} */
    public long requestsRefused() {
        return counters.requestsRefused.get();
    }

    /** {@return the replies sent to clients (MMI answers included)} */
    public long repliesSent() {
        return counters.repliesSent.get();
    }

    /** {@return the requests put back in their queue because the worker holding them was gone} */
    public long requestsRequeued() {
        return counters.requestsRequeued.get();
    }

    /** {@return the workers forgotten because they were silent for {@link Heartbeat#expiry()}} */
    public long workersExpired() {
        return counters.workersExpired.get();
    }

    /**
     * {@return client requests dropped at a bound: they named a service the broker does not know
     * while it knew {@link #maxServices(int) its limit of services}, or a service whose queue held
     * {@link #maxQueuedRequests(int) its limit of requests} or would have taken it over
     * {@link #maxQueuedBytes(long) its limit of bytes}} The listener's
     * {@link BrokerListener#requestDropped} tells which.
     */
    public long requestsDropped() {
        return drops.count();
    }

    /** {@return the requests waiting for a worker now, in all services' queues} */
    public int queuedRequests() {
        return services.queued();
    }

    /** {@return the bytes of the requests waiting for a worker now, in all services' queues (their body frames)} */
    public long queuedBytes() {
        return services.queuedBytes();
    }

    /** {@return the services known now: those with a worker or with requests waiting} */
    public int services() {
        return services.size();
    }

    /** {@return the workers registered now} */
    public int workers() {
        return counters.workers;
    }

    /** Stops the loop (waiting at most about {@link Reactor#CLOSE_WAIT}) and closes the socket. Idempotent. */
    @Override
    public void close() {
        reactor.close();
        socket.close();
    }
}
