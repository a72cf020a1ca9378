package dev.zmq4j.patterns.ppp;

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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Paranoid Pirate queue (RFC 6, PPP; zguide chapter 4): a load-balancing broker between
 * request-reply clients and a pool of workers that heartbeat.
 *
 * <pre>{@code
 * try (ParanoidPirateQueue queue = new ParanoidPirateQueue(context,
 *         "tcp://*:5555", "tcp://*:5556", Heartbeat.PPP)) {
 *     // clients (REQ, LazyPirateClient) connect to 5555, ParanoidPirateWorkers to 5556
 * }
 * }</pre>
 *
 * <p><b>Frontend</b> (a ROUTER): clients send requests with a REQ envelope ({@code [client id]
 * [empty] [body...]} as the ROUTER sees it). A request is read only while some worker is idle;
 * otherwise it waits in the frontend's queue (and a Lazy Pirate client retries). Each request goes
 * to the worker idle longest, prefixed with that worker's routing id; the worker's reply, whose
 * envelope it keeps, goes back to the client that asked.
 *
 * <p><b>Backend</b> (a ROUTER): workers (DEALERs) start a conversation with READY ({@code 0x01})
 * and send HEARTBEAT ({@code 0x02}) every interval; the queue sends HEARTBEAT to every known
 * worker every interval. Any message from a worker counts as a sign of life. A worker silent for
 * {@link Heartbeat#expiry()} is forgotten ({@link #expiredWorkers()} counts them) and gets no more
 * messages; a request it held is lost and left to the client's retry. A HEARTBEAT from an unknown
 * worker (one that kept its connection across a restart of this queue, or came back after it
 * expired) is taken as READY, so such a worker is served without waiting for it to notice. A
 * malformed message (a single frame that is no command, a reply without envelope) is dropped and
 * counted ({@link #droppedMessages()}).
 *
 * <p><b>Failure:</b> nothing is persisted: closing the queue loses the requests in flight; the
 * clients retry and the workers reconnect to the next queue on the same endpoint.
 *
 * <p><b>Thread-safety:</b> the queue runs on its own {@link Reactor} thread, started by the
 * constructor; the sockets are used only there. The counters may be read from any thread (each is
 * a snapshot). {@link #close()} may be called from any thread.
 */
public final class ParanoidPirateQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParanoidPirateQueue.class);

    private final Heartbeat heartbeat;
    private final Socket frontend;
    private final Socket backend;
    private final String frontendEndpoint;
    private final String backendEndpoint;
    private final Reactor reactor;
    private final WorkerPool pool;
    private boolean frontendPolled;
    private volatile boolean closed;

    private volatile int workers;
    private volatile int idleWorkers;
    private volatile long expiredWorkers;
    private volatile long requestsRouted;
    private volatile long repliesRouted;
    private volatile long droppedMessages;

    /**
     * A queue with {@link Heartbeat#PPP}; see {@link #ParanoidPirateQueue(Context, String, String, Heartbeat)}.
     *
     * @param context      the context of the queue's sockets
     * @param frontendBind where clients connect, e.g. {@code tcp://*:5555}
     * @param backendBind  where workers connect, e.g. {@code tcp://*:5556}
     * @throws dev.zmq4j.ZmqException if a bind fails (nothing stays open then)
     */
    public ParanoidPirateQueue(Context context, String frontendBind, String backendBind) {
        this(context, frontendBind, backendBind, Heartbeat.PPP);
    }

    /**
     * Binds the frontend and the backend and starts the queue's loop.
     *
     * @param context      the context of the queue's sockets
     * @param frontendBind where clients connect, e.g. {@code tcp://*:5555}
     * @param backendBind  where workers connect, e.g. {@code tcp://*:5556}
     * @param heartbeat    the heartbeat the workers use too
     * @throws dev.zmq4j.ZmqException if a bind fails (nothing stays open then)
     */
    public ParanoidPirateQueue(Context context, String frontendBind, String backendBind, Heartbeat heartbeat) {
        this.heartbeat = heartbeat;
        this.pool = new WorkerPool(heartbeat.expiry().toNanos());
        frontend = context.socket(SocketType.ROUTER);
        backend = context.socket(SocketType.ROUTER);
        Reactor loop = null;
        try {
            frontend.set(Option.LINGER, Duration.ZERO);
            backend.set(Option.LINGER, Duration.ZERO);
            frontendEndpoint = frontend.bind(frontendBind);
            backendEndpoint = backend.bind(backendBind);
            loop = new Reactor(context);
        } catch (RuntimeException e) {
            frontend.close();
            backend.close();
            throw e;
        }
        reactor = loop;
        reactor.register(backend, this::onBackend);
        reactor.every(heartbeat.interval(), this::onHeartbeat);
        reactor.start();
        log.debug("paranoid pirate queue: clients at {}, workers at {}, {}", frontendEndpoint, backendEndpoint, heartbeat);
    }

    /** {@return where clients connect: the frontend's bound endpoint, with its actual port} */
    public String frontendEndpoint() {
        return frontendEndpoint;
    }

    /** {@return where workers connect: the backend's bound endpoint, with its actual port} */
    public String backendEndpoint() {
        return backendEndpoint;
    }

    /** {@return the heartbeat this queue sends and expects} */
    public Heartbeat heartbeat() {
        return heartbeat;
    }

    /** {@return how many workers are known now (idle or busy)} */
    public int workers() {
        return workers;
    }

    /** {@return how many workers are idle now, waiting for a request} */
    public int idleWorkers() {
        return idleWorkers;
    }

    /** {@return how many workers were forgotten because they were silent for {@link Heartbeat#expiry()}} */
    public long expiredWorkers() {
        return expiredWorkers;
    }

    /** {@return how many requests were handed to a worker} */
    public long requestsRouted() {
        return requestsRouted;
    }

    /** {@return how many replies were passed back to the frontend} */
    public long repliesRouted() {
        return repliesRouted;
    }

    /** {@return how many malformed messages from workers were dropped} */
    public long droppedMessages() {
        return droppedMessages;
    }

    /**
     * Stops the loop (waiting at most {@link Reactor#CLOSE_WAIT}) and closes both sockets at once
     * (LINGER 0): requests and replies in flight are dropped. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reactor.close();
        frontend.close();
        backend.close();
    }

    // ---- on the loop thread ----

    private boolean onBackend(Socket socket) {
        Message m;
        while ((m = socket.tryReceive()) != null) {
            long now = System.nanoTime();
            if (m.size() < 2) {
                drop(m, "no content");
                continue;
            }
            Frame worker = m.first();
            Command command = Command.parse(m, 1);
            if (command == Command.READY) {
                pool.ready(worker, now);
            } else if (command == Command.HEARTBEAT) {
                if (!pool.heard(worker, now)) {
                    log.debug("paranoid pirate queue: heartbeat from unknown worker {}; taken as ready", worker);
                    pool.ready(worker, now);
                }
            } else if (hasEnvelope(m)) {
                List<Frame> reply = m.frames().subList(1, m.size());
                repliesRouted++; // before the send: a client that holds its reply sees it counted
                frontend.trySend(Message.of(reply));
                pool.ready(worker, now);
            } else {
                pool.heard(worker, now);
                drop(m, "neither a command nor a reply with an envelope");
            }
        }
        routeRequests();
        return true;
    }

    private boolean onFrontend(Socket socket) {
        routeRequests();
        return true;
    }

    /** Hands waiting requests to idle workers, and polls the frontend only while one is idle. */
    private void routeRequests() {
        while (pool.idleCount() > 0) {
            Message request = frontend.tryReceive();
            if (request == null) {
                break;
            }
            Frame worker = pool.next();
            List<Frame> frames = new ArrayList<>(request.size() + 1);
            frames.add(worker);
            frames.addAll(request.frames());
            requestsRouted++; // before the send, as repliesRouted; undone if not queued
            if (!backend.trySend(Message.of(frames))) {
                requestsRouted--;
                log.debug("paranoid pirate queue: request to worker {} not queued (high-water mark); the client retries", worker);
            }
        }
        boolean wanted = pool.idleCount() > 0;
        if (wanted != frontendPolled) {
            if (wanted) {
                reactor.register(frontend, this::onFrontend);
            } else {
                reactor.unregister(frontend);
            }
            frontendPolled = wanted;
        }
        updateGauges();
    }

    private void onHeartbeat() {
        List<Frame> expired = pool.purge(System.nanoTime());
        if (!expired.isEmpty()) {
            expiredWorkers += expired.size();
            log.debug("paranoid pirate queue: workers {} silent for {}; expired", expired, heartbeat.expiry());
        }
        for (Frame worker : pool.ids()) {
            backend.trySend(Message.of(worker, Frame.wrap(new byte[] {Command.HEARTBEAT.code()})));
        }
        routeRequests();
    }

    private void drop(Message m, String why) {
        droppedMessages++;
        log.debug("paranoid pirate queue: dropped {} from the backend: {}", m, why);
    }

    private void updateGauges() {
        workers = pool.size();
        idleWorkers = pool.idleCount();
    }

    /** Whether a worker's message (routing id first) carries an address stack ended by an empty frame, then content. */
    private static boolean hasEnvelope(Message m) {
        for (int i = 1; i < m.size() - 1; i++) {
            if (m.frame(i).isEmpty()) {
                return i > 1;
            }
        }
        return false;
    }
}
