package dev.zmq4j.patterns.bstar;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.patterns.Reactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server of a Binary Star high-availability pair (zguide chapter 4, "High-Availability Pair
 * (Binary Star Pattern)"): a primary and a backup watch each other, and at most one of them, the
 * active one, serves clients.
 *
 * <pre>{@code
 * Reactor reactor = new Reactor(context);
 * BinaryStar star = new BinaryStar(context, reactor, BinaryStar.Role.PRIMARY,
 *         "tcp://*:5003", "tcp://backup:5004", Duration.ofSeconds(1));
 * star.onActive(() -> log.info("serving")).onPassive(() -> log.info("standing by"));
 * star.voter(frontendRouter, socket -> { echo(socket); return true; });
 * reactor.start();
 * }</pre>
 *
 * <p><b>State exchange.</b> The server binds a PUB on its local state endpoint and connects a SUB
 * to its peer's; every heartbeat it publishes its {@link State} (see there for the frame). A peer
 * not heard from for two heartbeats is <em>expired</em>. Both servers must use the same heartbeat.
 *
 * <p><b>Client requests.</b> A request is handled only when the state machine accepts the
 * {@link Event#CLIENT_REQUEST} event: when this server is active, or when it is passive (or the
 * primary, starting) and its peer has expired, in which case it becomes active first: the client's
 * request is the "vote" that confirms a failover. Otherwise the request is dropped and the client,
 * which knows both servers, tries the other one. A backup that never saw the primary active never
 * serves, and a server that still hears its peer never takes over: together with a dedicated
 * network link between the two, this is the pattern's protection against split brain. The full
 * transition table is in the package's {@code StateMachine}; in short:
 * PRIMARY &rarr; ACTIVE when the backup is heard (or a client asks after the backup expired),
 * PRIMARY &rarr; PASSIVE when the backup is already active (so a primary restarted after a
 * failover stays passive: recovery is the operator's decision), BACKUP &rarr; PASSIVE when the
 * primary is active, PASSIVE &rarr; ACTIVE on a client's vote or when the peer restarts.
 *
 * <p><b>Fatal errors.</b> Two primaries, two backups, two active or two passive servers mean a
 * misconfiguration or a split brain. The server then stops serving: it drops every client request
 * from then on, logs an ERROR and calls {@link #onFatal} once; it keeps publishing its state, so
 * that its peer meets the same error. The process goes on and the application decides (usually:
 * alert and shut the server down).
 *
 * <p><b>Threading.</b> The server's handlers and heartbeat timer run on the given {@link Reactor},
 * which the application owns (starts and closes), and may share with its own sockets, e.g. a
 * broker's. The state machine is guarded by a lock, so {@link #admitClientRequest()} and
 * {@link #state()} may be called from any thread; the intended caller of
 * {@code admitClientRequest} is a component running on the same reactor thread (a broker's
 * admission hook), so that the callbacks, which run on the thread that caused the transition, all
 * run on the reactor thread, in order. Callbacks must not block.
 */
public final class BinaryStar implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BinaryStar.class);

    /** The configured role of a server in the pair. */
    public enum Role {
        /** The server normally active. */
        PRIMARY,
        /** The server normally passive. */
        BACKUP
    }

    private final Role role;
    private final Reactor reactor;
    private final Duration heartbeat;
    private final long expiryNanos;
    private final Socket publisher;
    private final Socket subscriber;
    private final String localEndpoint;
    private final String peerEndpoint;
    private final StateMachine machine;
    private final ReentrantLock lock = new ReentrantLock();
    private final Reactor.Timer timer;
    private final List<Socket> voters = new ArrayList<>();

    private volatile State state;
    private volatile long peerExpiryNanos;
    private volatile String failure;
    private volatile boolean closed;
    private volatile Thread loopThread;
    private volatile long droppedRequests;
    private volatile Runnable onActive = () -> { };
    private volatile Runnable onPassive = () -> { };
    private volatile Consumer<String> onFatal = reason -> { };

    /**
     * Binds the state publisher, connects the state subscriber and schedules the heartbeat on
     * {@code reactor} (which the caller starts and closes).
     *
     * @param context   the context of the state sockets
     * @param reactor   the reactor that runs the heartbeat, the state sockets and the voters
     * @param role      this server's role
     * @param local     where this server publishes its state, e.g. {@code tcp://*:5003}
     * @param peer      where the peer publishes its state, e.g. {@code tcp://backup:5004}
     * @param heartbeat how often the state is published; the peer expires after twice this
     * @throws IllegalArgumentException if {@code heartbeat} is not positive or an endpoint is malformed
     * @throws dev.zmq4j.ZmqException   if the bind fails (nothing stays open then)
     */
    public BinaryStar(Context context, Reactor reactor, Role role, String local, String peer, Duration heartbeat) {
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: > 0)");
        }
        if (role == null) {
            throw new IllegalArgumentException("role: null (expected: PRIMARY or BACKUP)");
        }
        this.role = role;
        this.reactor = reactor;
        this.heartbeat = heartbeat;
        this.expiryNanos = heartbeat.multipliedBy(2).toNanos();
        this.machine = new StateMachine(role == Role.PRIMARY ? State.PRIMARY : State.BACKUP);
        this.state = machine.state();
        this.peerEndpoint = peer;
        publisher = context.socket(SocketType.PUB);
        subscriber = context.socket(SocketType.SUB);
        try {
            publisher.set(Option.LINGER, Duration.ZERO);
            subscriber.set(Option.LINGER, Duration.ZERO);
            subscriber.set(Option.SUBSCRIBE, new byte[0]);
            localEndpoint = publisher.bind(local);
            subscriber.connect(peer);
        } catch (RuntimeException e) {
            publisher.close();
            subscriber.close();
            throw e;
        }
        // The peer counts as heard at start: nobody takes over before two heartbeats of silence.
        peerExpiryNanos = System.nanoTime() + expiryNanos;
        reactor.register(subscriber, this::onPeerState);
        timer = reactor.every(heartbeat, this::publishState);
        log.debug("binary star {}: state at {}, peer at {}, heartbeat {}", role, localEndpoint, peer, heartbeat);
    }

    /**
     * Sets the callback run when this server becomes active.
     *
     * @param callback run on the reactor thread; {@code null} for none
     * @return this server
     */
    public BinaryStar onActive(Runnable callback) {
        this.onActive = callback == null ? () -> { } : callback;
        return this;
    }

    /**
     * Sets the callback run when this server becomes passive.
     *
     * @param callback run on the reactor thread; {@code null} for none
     * @return this server
     */
    public BinaryStar onPassive(Runnable callback) {
        this.onPassive = callback == null ? () -> { } : callback;
        return this;
    }

    /**
     * Sets the callback run, with the reason, when the pair hits a fatal error.
     *
     * @param callback given the reason; {@code null} for none
     * @return this server
     */
    public BinaryStar onFatal(Consumer<String> callback) {
        this.onFatal = callback == null ? reason -> { } : callback;
        return this;
    }

    /**
     * Registers a voter: {@code frontend} (a socket clients send requests to, e.g. a ROUTER) is
     * polled on the reactor, and {@code handler} is called when it is readable and
     * {@link #admitClientRequest()} says yes; otherwise the waiting requests are received and
     * dropped (counted in {@link #droppedRequests()}). The socket stays the application's: it is
     * unregistered, not closed, by {@link #close()}.
     *
     * @param frontend the socket clients send requests to
     * @param handler  handles the requests this server may serve, on the reactor thread
     */
    public void voter(Socket frontend, Reactor.Handler handler) {
        if (frontend == null || handler == null) {
            throw new IllegalArgumentException("frontend, handler: " + frontend + ", " + handler + " (expected: non-null)");
        }
        synchronized (voters) {
            voters.add(frontend);
        }
        reactor.register(frontend, socket -> {
            loopThread = Thread.currentThread();
            if (admitClientRequest()) {
                return handler.handle(socket);
            }
            while (socket.tryReceive() != null) {
                droppedRequests++;
            }
            return true;
        });
    }

    /**
     * The gate for a client request: feeds {@link Event#CLIENT_REQUEST} to the state machine and
     * says whether the request may be handled now. Becoming active on the way (a passive server
     * whose peer expired) runs the {@link #onActive} callback first, on the calling thread.
     * Always {@code false} after a fatal error or {@link #close()}. Thread-safe; meant for the
     * reactor thread (see the class).
     *
     * @return {@code true} if this server may handle the request now
     */
    public boolean admitClientRequest() {
        if (closed) {
            return false;
        }
        return apply(Event.CLIENT_REQUEST);
    }

    /** {@return the current state (a snapshot); any thread} */
    public State state() {
        return state;
    }

    /** {@return this server's configured role} */
    public Role role() {
        return role;
    }

    /** {@return the state publisher's bound endpoint, with its actual port} */
    public String localEndpoint() {
        return localEndpoint;
    }

    /** {@return the peer's state endpoint this server subscribes to} */
    public String peerEndpoint() {
        return peerEndpoint;
    }

    /** {@return the heartbeat; the peer expires after twice this} */
    public Duration heartbeat() {
        return heartbeat;
    }

    /** {@return whether nothing was heard from the peer for two heartbeats} */
    public boolean isPeerExpired() {
        return System.nanoTime() - peerExpiryNanos >= 0;
    }

    /** {@return the fatal error that stopped this server, if any} */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** {@return how many client requests a voter dropped because this server may not serve them} */
    public long droppedRequests() {
        return droppedRequests;
    }

    /**
     * Stops publishing, unregisters the subscriber and the voters and closes the state sockets
     * (LINGER 0); the reactor and the voters' sockets stay open. When the reactor runs, this is
     * done on its thread and waited for at most {@link Reactor#CLOSE_WAIT} (which a reactor never
     * started costs in full; close the reactor first then). Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.cancel();
        if (reactor.isClosed() || Thread.currentThread() == loopThread) {
            release();
            return;
        }
        CountDownLatch released = new CountDownLatch(1);
        reactor.once(Duration.ZERO, () -> {
            release();
            released.countDown();
        });
        try {
            if (!released.await(Reactor.CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                log.debug("binary star {}: reactor not running; closing from this thread", role);
                release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release();
        }
    }

    // ---- internals ----

    private void release() {
        reactor.unregister(subscriber);
        synchronized (voters) {
            voters.forEach(reactor::unregister);
        }
        subscriber.close();
        publisher.close();
    }

    private boolean onPeerState(Socket socket) {
        loopThread = Thread.currentThread();
        Message m;
        while ((m = socket.tryReceive()) != null) {
            State peerState = parse(m);
            if (peerState == null) {
                log.debug("binary star {}: not a state from the peer: {}; ignored", role, m);
                continue;
            }
            peerExpiryNanos = System.nanoTime() + expiryNanos;
            apply(peerState.asPeerEvent());
        }
        return true;
    }

    private void publishState() {
        loopThread = Thread.currentThread();
        if (closed) {
            return;
        }
        publisher.trySend(Integer.toString(state.code()));
    }

    private boolean apply(Event event) {
        StateMachine.Outcome outcome;
        lock.lock();
        try {
            if (failure != null) {
                return false;
            }
            outcome = machine.on(event, isPeerExpired());
            state = outcome.to();
            if (outcome.fatal() != null) {
                failure = outcome.fatal();
            }
        } finally {
            lock.unlock();
        }
        if (outcome.fatal() != null) {
            log.error("binary star {}: fatal error in state {} on {}: {}; this server stops serving", role,
                    outcome.from(), event, outcome.fatal());
            run(() -> onFatal.accept(outcome.fatal()));
            return false;
        }
        if (outcome.changed()) {
            log.info("binary star {}: {} -> {} on {}", role, outcome.from(), outcome.to(), event);
            if (outcome.to() == State.ACTIVE) {
                run(onActive);
            } else if (outcome.to() == State.PASSIVE) {
                run(onPassive);
            }
        }
        return outcome.accepted();
    }

    private void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("binary star {}: a state callback failed", role, e);
        }
    }

    private static State parse(Message m) {
        if (m.size() != 1 || m.first().size() == 0 || m.first().size() > 2) {
            return null;
        }
        try {
            return State.ofCode(Integer.parseInt(new String(m.first().toByteArray(), StandardCharsets.US_ASCII)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
