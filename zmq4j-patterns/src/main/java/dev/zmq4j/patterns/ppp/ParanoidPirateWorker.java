package dev.zmq4j.patterns.ppp;

import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.Reactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Paranoid Pirate worker (RFC 6, PPP; zguide chapter 4): a DEALER connected to a
 * {@link ParanoidPirateQueue}'s backend (or any RFC 6 queue) that answers requests with a handler
 * and heartbeats both ways.
 *
 * <pre>{@code
 * try (ParanoidPirateWorker worker = new ParanoidPirateWorker(context, "tcp://queue:5556",
 *         request -> Message.of("echo: " + request.first().toUtf8()))) {
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Conversation.</b> On connecting the worker sends READY ({@code 0x01}); it then sends
 * HEARTBEAT ({@code 0x02}) every {@link Heartbeat#interval()}. A request arrives as an envelope
 * (the address stack and an empty frame) and a body; the handler gets the body and its result goes
 * back with the same envelope. A handler that returns {@code null} sends no reply; one that throws
 * is logged (WARN) and sends no reply either: the client's retry covers both. The handler runs on
 * the worker's loop thread, so no heartbeat leaves while it runs: it should return well within
 * {@link Heartbeat#expiry()}, or the queue forgets the worker until its next message.
 *
 * <p><b>Failure.</b> When nothing (heartbeat or request) has come from the queue for
 * {@link Heartbeat#expiry()}, the worker takes the queue for dead: it closes its socket (LINGER 0,
 * so queued heartbeats are dropped), waits a back-off and connects a new socket, which sends READY
 * again as RFC 6 requires. The back-off starts at {@link Backoff#initial()} and doubles up to
 * {@link Backoff#max()} while the queue stays silent; it starts over once the queue is heard.
 * The worker never gives up; {@link #reconnects()} counts the new sockets.
 *
 * <p><b>Thread-safety:</b> the worker runs on its own {@link Reactor} thread, started by the
 * constructor; its socket and handler are used only there. The counters may be read from any
 * thread. {@link #close()} may be called from any thread and returns within about
 * {@link Reactor#CLOSE_WAIT} (a handler still running then finishes on its own).
 */
public final class ParanoidPirateWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParanoidPirateWorker.class);

    private final Context context;
    private final String endpoint;
    private final Heartbeat heartbeat;
    private final Backoff backoff;
    private final Function<Message, Message> handler;
    private final Reactor reactor;

    // Owned by the loop thread (socket also read by close()).
    private volatile Socket socket;
    private long lastHeardNanos;
    private Duration nextBackoff;

    private volatile boolean closed;
    private volatile long requestsHandled;
    private volatile long reconnects;

    /**
     * A worker with {@link Heartbeat#PPP} and {@link Backoff#DEFAULT}.
     *
     * @param context  the context of the worker's sockets
     * @param endpoint the queue's backend, e.g. {@code tcp://queue:5556}
     * @param handler  turns a request body into a reply body ({@code null}: no reply)
     */
    public ParanoidPirateWorker(Context context, String endpoint, Function<Message, Message> handler) {
        this(context, endpoint, Heartbeat.PPP, Backoff.DEFAULT, handler);
    }

    /**
     * Connects to the queue at {@code endpoint}, sends READY and starts the worker's loop.
     *
     * @param context   the context of the worker's sockets
     * @param endpoint  the queue's backend, e.g. {@code tcp://queue:5556}
     * @param heartbeat the heartbeat the queue uses too
     * @param backoff   the waits between reconnections
     * @param handler   turns a request body into a reply body ({@code null}: no reply)
     * @throws dev.zmq4j.ZmqException if the context is closed
     * @throws IllegalArgumentException if {@code endpoint} is malformed
     */
    public ParanoidPirateWorker(Context context, String endpoint, Heartbeat heartbeat, Backoff backoff,
            Function<Message, Message> handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler: null (expected: a function from request to reply)");
        }
        this.context = context;
        this.endpoint = endpoint;
        this.heartbeat = heartbeat;
        this.backoff = backoff;
        this.handler = handler;
        this.nextBackoff = backoff.initial();
        this.reactor = new Reactor(context);
        try {
            connect();
        } catch (RuntimeException e) {
            reactor.close();
            throw e;
        }
        reactor.every(heartbeat.interval(), this::onHeartbeat);
        reactor.start();
    }

    /** {@return the queue's endpoint} */
    public String endpoint() {
        return endpoint;
    }

    /** {@return how many requests the handler answered (returned a reply for)} */
    public long requestsHandled() {
        return requestsHandled;
    }

    /** {@return how many times the socket was replaced after the queue went silent} */
    public long reconnects() {
        return reconnects;
    }

    /** {@return whether a socket is connected now (not waiting out a back-off)} */
    public boolean isConnected() {
        return socket != null && !closed;
    }

    /** Stops the loop and closes the socket at once (LINGER 0). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reactor.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }

    // ---- on the loop thread (and the constructor) ----

    private void connect() {
        if (closed) {
            return;
        }
        Socket dealer = context.socket(SocketType.DEALER);
        try {
            dealer.set(Option.LINGER, Duration.ZERO);
            dealer.connect(endpoint);
            // The DEALER queues READY until the connection is up.
            dealer.trySend(Command.READY.message());
        } catch (RuntimeException e) {
            dealer.close();
            throw e;
        }
        lastHeardNanos = System.nanoTime();
        socket = dealer;
        if (closed) {
            // close() ran while this socket was being made and did not see it.
            dealer.close();
            return;
        }
        reactor.register(dealer, this::onMessage);
        log.debug("paranoid pirate worker: connected to {}, READY sent", endpoint);
    }

    private boolean onMessage(Socket dealer) {
        Message m;
        while ((m = dealer.tryReceive()) != null) {
            lastHeardNanos = System.nanoTime();
            nextBackoff = backoff.initial();
            Command command = Command.parse(m, 0);
            if (command == Command.HEARTBEAT) {
                continue;
            }
            if (command != null) {
                log.debug("paranoid pirate worker: unexpected {} from the queue; ignored", command);
                continue;
            }
            handle(dealer, m);
        }
        return true;
    }

    private void handle(Socket dealer, Message request) {
        int delimiter = -1;
        for (int i = 0; i < request.size() - 1; i++) {
            if (request.frame(i).isEmpty()) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            log.debug("paranoid pirate worker: request {} without an envelope; dropped", request);
            return;
        }
        List<Frame> frames = request.frames();
        Message reply;
        try {
            reply = handler.apply(Message.of(frames.subList(delimiter + 1, frames.size())));
        } catch (RuntimeException e) {
            log.warn("paranoid pirate worker: handler failed on a request; no reply", e);
            return;
        }
        if (reply == null) {
            return;
        }
        List<Frame> out = new ArrayList<>(delimiter + 1 + reply.size());
        out.addAll(frames.subList(0, delimiter + 1));
        out.addAll(reply.frames());
        requestsHandled++; // before the send: a client that holds its reply sees it counted; undone if not queued
        if (!dealer.trySend(Message.of(out))) {
            requestsHandled--;
            log.debug("paranoid pirate worker: reply not queued (high-water mark); the client retries");
        }
    }

    private void onHeartbeat() {
        Socket dealer = socket;
        if (dealer == null || closed) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos > heartbeat.expiry().toNanos()) {
            Duration wait = nextBackoff;
            nextBackoff = backoff.next(wait);
            log.debug("paranoid pirate worker: queue {} silent for {}; reconnecting in {}", endpoint,
                    Duration.ofNanos(silentNanos), wait);
            reactor.unregister(dealer);
            socket = null;
            dealer.close();
            reconnects++;
            reactor.once(wait, this::reconnect);
            return;
        }
        try {
            dealer.trySend(Command.HEARTBEAT.message());
        } catch (ZmqException.SocketClosedException e) {
            // close() won the race; the loop is ending
        }
    }

    private void reconnect() {
        try {
            connect();
        } catch (ZmqException e) {
            if (!closed) {
                log.warn("paranoid pirate worker: cannot reconnect to {}: {}", endpoint, e.getMessage());
            }
        }
    }
}
