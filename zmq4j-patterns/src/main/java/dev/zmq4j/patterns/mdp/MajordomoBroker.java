package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.patterns.Reactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * dropped, and those queued keep their place (the client waiting longest is served first). A
 * dropped request is counted in {@link #requestsDropped()}, logged (a WARN at the first of a
 * burst, then DEBUG), told to the listener, and not answered: MDP has no error reply, so its
 * client times out (and retries, or fails over). A request taken back from a gone worker is
 * never dropped: it goes back to the head of its queue even when the queue is full.
 *
 * <p><b>Failures.</b> The broker heartbeats its idle workers every {@link Heartbeat#interval()}
 * and takes a worker for dead once it heard nothing from it for {@link Heartbeat#expiry()}; a busy
 * worker is silent while it works, so a request must take less than that. A worker that expires,
 * sends DISCONNECT or breaks the protocol is forgotten, and the request it held, remembered by the
 * broker, goes back to the head of its service's queue for another worker. A late reply from a
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
    private static final Logger log = LoggerFactory.getLogger(MajordomoBroker.class);
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

    private final Heartbeat heartbeat;
    private final Socket socket;
    private final Reactor reactor;
    private volatile ClientAdmission admission = ClientAdmission.ALL;
    private volatile BrokerListener listener = new BrokerListener() { };
    private volatile Duration requestTtl = Duration.ofMinutes(1);
    private final AtomicLong requestsReceived = new AtomicLong();
    private final AtomicLong requestsRefused = new AtomicLong();
    private final AtomicLong repliesSent = new AtomicLong();
    private final AtomicLong requestsRequeued = new AtomicLong();
    private final AtomicLong workersExpired = new AtomicLong();
    private volatile int workerCount;

    // Owned by the loop thread.
    private final BrokerServices services = new BrokerServices(DEFAULT_MAX_SERVICES, DEFAULT_MAX_QUEUED_REQUESTS);
    private final BrokerDrops drops = new BrokerDrops();
    private final Map<Frame, BrokerWorker> workers = new HashMap<>();

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
                route(m);
            }
            return true;
        });
        reactor.every(heartbeat.interval(), this::onHeartbeatTick);
        reactor.start();
    }

    /**
     * Sets who admits client requests (default {@link ClientAdmission#ALL}); takes effect with the next request.
     *
     * @param admission the gate; {@code null} for {@link ClientAdmission#ALL}
     */
    public void admission(ClientAdmission admission) {
        this.admission = admission == null ? ClientAdmission.ALL : admission;
    }

    /**
     * Sets the listener told each step (default: none).
     *
     * @param listener the listener; {@code null} for none
     */
    public void listener(BrokerListener listener) {
        this.listener = listener == null ? new BrokerListener() { } : listener;
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
        this.requestTtl = ttl;
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

    /** {@return the broker's heartbeat settings} */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** {@return the client requests received and admitted (MMI ones included)} */
    public long requestsReceived() {
        return requestsReceived.get();
    }

    /** {@return the client requests dropped because {@link ClientAdmission} refused them} */
    public long requestsRefused() {
        return requestsRefused.get();
    }

    /** {@return the replies sent to clients (MMI answers included)} */
    public long repliesSent() {
        return repliesSent.get();
    }

    /** {@return the requests put back in their queue because the worker holding them was gone} */
    public long requestsRequeued() {
        return requestsRequeued.get();
    }

    /** {@return the workers forgotten because they were silent for {@link Heartbeat#expiry()}} */
    public long workersExpired() {
        return workersExpired.get();
    }

    /**
     * {@return client requests dropped at a bound: they named a service the broker does not know
     * while it knew {@link #maxServices(int) its limit of services}, or a service whose queue held
     * {@link #maxQueuedRequests(int) its limit of requests}} The listener's
     * {@link BrokerListener#requestDropped} tells which.
     */
    public long requestsDropped() {
        return drops.count();
    }

    /** {@return the requests waiting for a worker now, in all services' queues} */
    public int queuedRequests() {
        return services.queued();
    }

    /** {@return the services known now: those with a worker or with requests waiting} */
    public int services() {
        return services.size();
    }

    /** {@return the workers registered now} */
    public int workers() {
        return workerCount;
    }

    /** Stops the loop (waiting at most about {@link Reactor#CLOSE_WAIT}) and closes the socket. Idempotent. */
    @Override
    public void close() {
        reactor.close();
        socket.close();
    }

    // ---- on the loop thread ----

    private void route(Message m) {
        BrokerInbound in = BrokerInbound.classify(m);
        if (in instanceof BrokerInbound.ClientRequest r) {
            onClient(r);
        } else if (in instanceof BrokerInbound.Dropped d) {
            log.debug("broker: dropped {}", d.reason());
        } else {
            onWorker((BrokerInbound.WorkerCommand) in);
        }
    }

    private void onClient(BrokerInbound.ClientRequest r) {
        Frame client = r.client();
        String service = r.service();
        if (!admission.admit(client, service)) {
            requestsRefused.incrementAndGet();
            notify(l -> l.requestRefused(client, service));
            return;
        }
        Message body = r.body();
        requestsReceived.incrementAndGet();
        notify(l -> l.requestReceived(client, service, body));
        if (Mdp.isManagement(service)) {
            answerManagement(client, service, body);
            return;
        }
        BrokerService s = services.forRequest(service);
        String why = drops.dropReason(services, s, service);
        if (why != null) {
            notify(l -> l.requestDropped(client, service, why));
            return;
        }
        s.queue(new QueuedRequest(client, service, body, System.nanoTime()));
        dispatch(s);
    }

    private void answerManagement(Frame client, String service, Message body) {
        BrokerService s = services.find(Mdp.text(body.first()));
        String code = !service.equals(Mdp.MMI_SERVICE) ? "501" : s != null && s.workers > 0 ? "200" : "404";
        replyToClient(client, service, Message.of(code));
    }

    /** A worker's command, well-formed or not (see {@link BrokerInbound}). */
    private void onWorker(BrokerInbound.WorkerCommand in) {
        Frame identity = in.worker();
        BrokerWorker worker = workers.get(identity);
        if (in instanceof BrokerInbound.WorkerMalformed w) {
            protocolError(identity, worker, w.reason());
            return;
        }
        if (worker != null) {
            worker.expiryNanos = System.nanoTime() + heartbeat.expiry().toNanos();
        }
        if (in instanceof BrokerInbound.WorkerReady r) {
            onReady(identity, worker, r.service());
        } else if (in instanceof BrokerInbound.WorkerReply r) {
            onReply(identity, worker, r);
        } else if (in instanceof BrokerInbound.WorkerHeartbeat) {
            if (worker == null) {
                protocolError(identity, null, "HEARTBEAT before READY");
            }
        } else if (worker != null) {
            forget(worker, "DISCONNECT", false);
        }
    }

    private void onReady(Frame identity, BrokerWorker known, String service) {
        if (known != null) {
            protocolError(identity, known, "a second READY");
            return;
        }
        if (Mdp.isManagement(service)) {
            protocolError(identity, null, "READY for " + service + " (the mmi. namespace is the broker's)");
            return;
        }
        BrokerService s = services.forWorker(service);
        BrokerWorker worker = new BrokerWorker(identity, s, System.nanoTime() + heartbeat.expiry().toNanos());
        workers.put(identity, worker);
        workerCount = workers.size();
        s.workers++;
        s.idle.addLast(worker);
        notify(l -> l.workerReady(identity, service));
        dispatch(s);
    }

    /** {@code worker | "" | MDPW01 | 0x03 | client | "" | body...} */
    private void onReply(Frame identity, BrokerWorker worker, BrokerInbound.WorkerReply reply) {
        if (worker == null || worker.current == null) {
            protocolError(identity, worker, worker == null ? "REPLY before READY" : "REPLY to no request");
            return;
        }
        QueuedRequest request = worker.current;
        worker.current = null;
        replyToClient(reply.client(), request.service(), reply.body());
        worker.service.idle.addLast(worker);
        dispatch(worker.service);
    }

    private void replyToClient(Frame client, String service, Message body) {
        List<Frame> head = Mdp.frames(client, Frame.EMPTY, Mdp.CLIENT_FRAME, Frame.of(service));
        if (socket.trySend(Mdp.concat(head, body))) {
            repliesSent.incrementAndGet();
            notify(l -> l.replySent(client, service, body));
        } else {
            log.debug("broker: reply for {} to client {} not sent (its queue is full)", service, Mdp.hex(client));
        }
    }

    /** Sends queued requests to idle workers while there are both. */
    private void dispatch(BrokerService s) {
        while (s.queued() > 0 && !s.idle.isEmpty()) {
            BrokerWorker worker = s.idle.pollFirst();
            QueuedRequest request = s.next();
            worker.current = request;
            List<Frame> rest = Mdp.frames(request.client(), Frame.EMPTY);
            sendToWorker(worker.identity, Mdp.concat(Mdp.workerCommand(Mdp.REQUEST, rest), request.body()));
            notify(l -> l.requestDispatched(request.client(), s.name, worker.identity));
        }
    }

    private void sendToWorker(Frame identity, Message command) {
        List<Frame> frames = new ArrayList<>(command.size() + 1);
        frames.add(identity);
        frames.addAll(command.frames());
        if (!socket.trySend(Message.of(frames))) {
            log.debug("broker: command to worker {} not sent (its queue is full)", Mdp.hex(identity));
        }
    }

    private void protocolError(Frame identity, BrokerWorker worker, String why) {
        log.debug("broker: worker {} broke the protocol: {}; DISCONNECT", Mdp.hex(identity), why);
        if (worker != null) {
            forget(worker, why, true);
        } else {
            sendToWorker(identity, Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
        }
    }

    /** Forgets {@code worker}, re-queueing the request it held at the head of its service's queue. */
    private void forget(BrokerWorker worker, String why, boolean disconnect) {
        if (disconnect) {
            sendToWorker(worker.identity, Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
        }
        workers.remove(worker.identity);
        workerCount = workers.size();
        BrokerService s = worker.service;
        s.workers--;
        s.idle.remove(worker);
        notify(l -> l.workerGone(worker.identity, s.name, why));
        QueuedRequest held = worker.current;
        if (held != null) {
            worker.current = null;
            s.requeue(held);
            requestsRequeued.incrementAndGet();
            notify(l -> l.requestRequeued(held.client(), s.name));
            dispatch(s);
        }
        services.forgetIfIdle(s);
    }

    private void onHeartbeatTick() {
        long now = System.nanoTime();
        for (BrokerWorker worker : workers.values().toArray(new BrokerWorker[0])) {
            if (worker.expiryNanos - now < 0) {
                workersExpired.incrementAndGet();
                forget(worker, "expired (silent for " + heartbeat.expiry().toMillis() + " ms)", false);
            } else if (worker.current == null) {
                sendToWorker(worker.identity, Message.of(Mdp.workerCommand(Mdp.HEARTBEAT, List.of())));
            }
        }
        services.expire(now - requestTtl.toNanos(), r -> notify(l -> l.requestExpired(r.client(), r.service())));
    }

    private void notify(Consumer<BrokerListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("broker: listener failed", e);
        }
    }
}
