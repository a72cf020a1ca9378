package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.zmtp.MechanismFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A ØMQ socket of one {@link SocketType}, created by {@link Context#socket(SocketType)}.
 *
 * <p><b>Thread-safety:</b> every method may be called from any thread, platform or virtual. Sends
 * are serialised by one lock and receives by another, so a message sent with {@link #send(Message)}
 * is queued whole and one thread may receive while another sends. Frame-by-frame calls
 * ({@link #sendMore}, {@link #receiveBytes()} with {@link #hasReceiveMore()}) keep state between
 * calls: interleave them from several threads and the frames interleave too; use whole
 * {@link Message}s across threads. Blocking calls park without pinning a virtual thread's carrier,
 * and an interrupted caller gets {@link ZmqException.InterruptedException} while the socket stays
 * usable.
 *
 * <p><b>Polling:</b> a {@link Poller} that checks a socket for READABLE may take its next message
 * ahead of time; the next receive returns that message first, so nothing changes for the
 * application, except that a REQ or REP holding such a message refuses {@code send} until it is
 * received (as its lock-step requires anyway).
 *
 * <p><b>Blocking:</b> {@code send}/{@code receive} without a timeout wait as SNDTIMEO/RCVTIMEO
 * say (forever by default); the {@code Duration} forms wait at most that long; {@code try*} never
 * waits. "Would block" is a return value ({@code false} or {@code null}), never an exception.
 */
public final class Socket implements AutoCloseable {
    private final Context context;
    private final SocketType type;
    private final SocketDescriptor descriptor;
    private final Pattern pattern;
    private final SocketOptions options;
    private final EndpointTable endpoints = new EndpointTable();
    private final Waiters waiters = new Waiters();
    private final Readiness readiness = new Readiness();
    private final Telemetry telemetry = new Telemetry();
    private final CloseActions closeActions = new CloseActions();
    private final Port port;
    private final Sender sender;
    private final Receiver receiver;
    private final PollView pollView;
    private final boolean lockStep;
    private volatile boolean closed;

    Socket(Context context, SocketType type) {
        this.context = context;
        this.type = type;
        this.descriptor = type.descriptor();
        this.pattern = descriptor.newPattern();
        this.options = new SocketOptions(descriptor, context::zap);
        this.lockStep = descriptor.lockStep();
        PipeCensus census = new PipeCensus();
        this.port = new Port(this, descriptor, pattern, options, waiters, readiness, telemetry, census);
        Multipart multipart = new Multipart();
        this.receiver = new Receiver(this, pattern, census, waiters, readiness, lockStep, multipart);
        this.sender = new Sender(this, pattern, waiters, readiness, receiver, lockStep, multipart);
        this.pollView = new PollView(this, context, descriptor, pattern, receiver, readiness);
    }

    /** {@return the socket's type} */
    public SocketType type() {
        return type;
    }

    // ---- options ----

    /**
     * Sets an option. Most options apply to connections made after the call (as in libzmq);
     * timeouts and LINGER apply at once.
     *
     * @param option the option, e.g. {@link Option#SNDHWM}
     * @param value  its new value, of the option's type
     * @param <T>    the option's value type
     * @throws IllegalArgumentException if the value is out of range, or the option does not apply
     *                                  to this socket's type (e.g. ROUTER_MANDATORY on a DEALER)
     */
    public <T> void set(Option<T> option, T value) {
        checkOpen();
        T valid = options.set(option, value);
        pattern.onOption(option.name(), valid);
    }

    /**
     * {@return the value of an option: the one set, or the default}
     *
     * @param option the option
     * @param <T>    the option's value type
     */
    public <T> T get(Option<T> option) {
        return options.get(option);
    }

    /**
     * The mechanism seam: selects the security mechanism of connections made from now on. The
     * mechanisms' own options (PLAIN, CURVE) will select theirs through it; tests plug in their own.
     */
    void mechanism(MechanismFactory factory) {
        checkOpen();
        options.mechanism(factory);
    }

    // ---- endpoints ----

    /**
     * Binds to an endpoint, e.g. {@code tcp://*:5555}, {@code tcp://127.0.0.1:*} (an ephemeral
     * port), {@code ipc:///tmp/feed} (a Unix domain socket; {@code ipc://*} for a generated path)
     * or {@code inproc://feed} (sockets of this socket's context).
     *
     * @param endpoint the endpoint to bind
     * @return the bound endpoint with the actual address and port, e.g. {@code tcp://127.0.0.1:41234}
     * @throws IllegalArgumentException        if the endpoint is malformed
     * @throws ZmqException.AddressInUseException if the address is taken
     * @throws ZmqException.BindFailedException   if the address cannot be bound
     */
    public String bind(String endpoint) {
        checkOpen();
        return endpoints.bind(context.transports(), port, endpoint, this::checkOpen);
    }

    /**
     * Connects to an endpoint, e.g. {@code tcp://127.0.0.1:5555}. Returns at once: the connection
     * is made in the background, retried with back-off while the peer is absent, and re-made if it
     * drops. Messages sent meanwhile queue for it. An {@code inproc://} connect to a name not yet
     * bound waits for the bind (messages queue up to SNDHWM meanwhile).
     *
     * @param endpoint the endpoint to connect to
     * @throws IllegalArgumentException if the endpoint is malformed
     * @throws IllegalStateException    if an {@code inproc://} name is bound by a socket whose type
     *                                  cannot talk to this one
     */
    public void connect(String endpoint) {
        checkOpen();
        // CONNECT_ROUTING_ID applies to this connect() only.
        endpoints.connect(context.transports(), port, endpoint, options.takeConnectRoutingId(), this::checkOpen);
    }

    /**
     * Stops listening on a bound endpoint (as returned by {@link #bind}) and closes the
     * connections accepted there.
     *
     * @param endpoint the endpoint as {@link #bind} returned it
     * @throws IllegalArgumentException if the socket is not bound to that endpoint
     */
    public void unbind(String endpoint) {
        checkOpen();
        endpoints.unbind(endpoint);
    }

    /**
     * Disconnects from an endpoint given to {@link #connect}; messages queued for it are dropped.
     *
     * @param endpoint the endpoint as given to {@link #connect}
     * @throws IllegalArgumentException if the socket is not connected to that endpoint
     */
    public void disconnect(String endpoint) {
        checkOpen();
        endpoints.disconnect(endpoint);
    }

    /** {@return the endpoint of the last bind (with its actual port) or connect, or {@code null}} */
    public String lastEndpoint() {
        return endpoints.last();
    }

    // ---- sending ----

    /**
     * Sends a whole message, waiting as SNDTIMEO says.
     *
     * @param message the message
     * @return {@code false} if SNDTIMEO elapsed first
     */
    public boolean send(Message message) {
        return sendParts(message.pipeForm(), options.sendTimeoutNanos());
    }

    /**
     * Sends a whole message, waiting at most {@code timeout}.
     *
     * @param message the message
     * @param timeout the longest wait; zero never waits
     * @return {@code false} if the timeout elapsed first
     */
    public boolean send(Message message, Duration timeout) {
        return sendParts(message.pipeForm(), SocketOptions.nanos(timeout));
    }

    /**
     * Sends a whole message if that does not block.
     *
     * @param message the message
     * @return {@code false} if it would have blocked (nothing was sent)
     */
    public boolean trySend(Message message) {
        return sendParts(message.pipeForm(), 0);
    }

    /**
     * Sends {@code data} as the last (or only) frame of a message, waiting as SNDTIMEO says.
     * The array is not copied: do not change it afterwards.
     *
     * @param data the frame's bytes
     * @return {@code false} if SNDTIMEO elapsed
     */
    public boolean send(byte[] data) {
        return sendFrame(data, options.sendTimeoutNanos());
    }

    /**
     * As {@link #send(byte[])}, waiting at most {@code timeout}.
     *
     * @param data    the frame's bytes (not copied)
     * @param timeout the longest wait; zero never waits
     * @return {@code false} if the timeout elapsed first
     */
    public boolean send(byte[] data, Duration timeout) {
        return sendFrame(data, SocketOptions.nanos(timeout));
    }

    /**
     * As {@link #send(byte[])}, never blocking.
     *
     * @param data the frame's bytes (not copied)
     * @return {@code false} if it would have blocked (nothing was sent)
     */
    public boolean trySend(byte[] data) {
        return sendFrame(data, 0);
    }

    /**
     * Sends {@code text} (UTF-8) as the last (or only) frame, waiting as SNDTIMEO says.
     *
     * @param text the frame's text
     * @return {@code false} if SNDTIMEO elapsed
     */
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #send(String)}, waiting at most {@code timeout}.
     *
     * @param text    the frame's text
     * @param timeout the longest wait; zero never waits
     * @return {@code false} if the timeout elapsed first
     */
    public boolean send(String text, Duration timeout) {
        return send(text.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /**
     * As {@link #send(String)}, never blocking.
     *
     * @param text the frame's text
     * @return {@code false} if it would have blocked (nothing was sent)
     */
    public boolean trySend(String text) {
        return trySend(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues a frame of a multipart message; the message leaves with the next {@code send}.
     *
     * @param data the frame's bytes (not copied)
     */
    public void sendMore(byte[] data) {
        checkOpen();
        checkCanSend();
        sender.more(data);
    }

    /**
     * Queues a UTF-8 frame of a multipart message; the message leaves with the next {@code send}.
     *
     * @param text the frame's text
     */
    public void sendMore(String text) {
        sendMore(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sendFrame(byte[] data, long timeoutNanos) {
        if (data == null) {
            throw new IllegalArgumentException("data: null (expected: a byte array)");
        }
        checkOpen();
        checkCanSend();
        return sender.send(data, timeoutNanos);
    }

    /** Sends a message in pipe form ({@code byte[]} or {@code byte[][]}, see {@code Parts}). */
    private boolean sendParts(Object pipeMessage, long timeoutNanos) {
        checkOpen();
        checkCanSend();
        return sender.send(pipeMessage, timeoutNanos);
    }

    // ---- receiving ----

    /**
     * Receives a whole message (or the rest of one), waiting as RCVTIMEO says.
     *
     * @return the message, or {@code null} if RCVTIMEO elapsed
     */
    public Message receive() {
        return receiveMessage(options.receiveTimeoutNanos());
    }

    /**
     * Receives a whole message, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait; zero never waits
     * @return the message, or {@code null} if the timeout elapsed
     */
    public Message receive(Duration timeout) {
        return receiveMessage(SocketOptions.nanos(timeout));
    }

    /**
     * Receives a whole message if one is ready, never blocking.
     *
     * @return the message, or {@code null} if none was ready
     */
    public Message tryReceive() {
        return receiveMessage(0);
    }

    /**
     * Receives the next frame, waiting as RCVTIMEO says; {@code null} if it elapsed. Use
     * {@link #hasReceiveMore()} to learn whether more frames of the same message follow.
     *
     * @return the frame's bytes, or {@code null} if RCVTIMEO elapsed
     */
    public byte[] receiveBytes() {
        return receiver.frame(options.receiveTimeoutNanos());
    }

    /**
     * As {@link #receiveBytes()}, waiting at most {@code timeout}.
     *
     * @param timeout the longest wait; zero never waits
     * @return the frame's bytes, or {@code null} if the timeout elapsed
     */
    public byte[] receiveBytes(Duration timeout) {
        return receiver.frame(SocketOptions.nanos(timeout));
    }

    /** {@return the next frame as UTF-8 text, waiting as RCVTIMEO says; {@code null} if it elapsed} */
    public String receiveString() {
        byte[] b = receiveBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** {@return whether the last frame received by {@link #receiveBytes()} has more frames after it} */
    public boolean hasReceiveMore() {
        return receiver.hasMore();
    }

    /** The receive calls go straight to the {@link Receiver}, which checks the socket is open and can receive. */
    private Message receiveMessage(long timeoutNanos) {
        return receiver.message(timeoutNanos);
    }

    // ---- readiness, for Poller ----

    /** What a {@link Poller} sees of this socket. */
    PollView pollView() {
        return pollView;
    }

    // ---- checks ----

    private void checkCanSend() {
        if (!descriptor.sends()) {
            throw new UnsupportedOperationException(type + " sockets cannot send");
        }
    }

    /** Throws if the socket's type cannot receive. */
    void checkCanReceive() {
        if (!descriptor.receives()) {
            throw new UnsupportedOperationException(type + " sockets cannot receive");
        }
    }

    /** Throws if the socket (or its context) is closed. */
    void checkOpen() {
        if (closed) {
            if (context.isClosed()) {
                throw new ZmqException.ContextClosedException(type + " socket: the context was closed");
            }
            throw new ZmqException.SocketClosedException(type + " socket: closed");
        }
    }

    // ---- monitoring and statistics ----

    /**
     * Starts a monitor of this socket's events of the given types (libzmq's
     * {@code zmq_socket_monitor}). Events happen on I/O threads and are queued for the monitor;
     * see {@link Monitor}. The monitor stops when it is closed or when the socket closes.
     *
     * @param types the event types to report
     * @return the monitor, to read the events from and to close
     * @throws IllegalArgumentException if {@code types} is empty
     */
    public Monitor monitor(Set<SocketEvent.Type> types) {
        checkOpen();
        return telemetry.monitor(types);
    }

    /**
     * Starts a monitor of every event type; see {@link #monitor(Set)}.
     *
     * @return the monitor, to read the events from and to close
     */
    public Monitor monitor() {
        return monitor(EnumSet.allOf(SocketEvent.Type.class));
    }

    /**
     * A snapshot of the socket's traffic counters and queue depths ("beyond libzmq"): totals over
     * every peer connection since the socket was created, including connections that are gone.
     * Cheap enough to call often; any thread.
     *
     * @return the counters as of this call
     */
    public SocketStatistics statistics() {
        return telemetry.statistics();
    }

    /**
     * A snapshot of the socket's connections ("beyond libzmq"): those open now, and how many times
     * each connection event happened since the socket was created, monitored or not. Cheap; any
     * thread.
     *
     * @return the snapshot
     */
    public ConnectionStatistics connectionStatistics() {
        return telemetry.connectionStatistics();
    }

    // ---- closing ----

    /** {@return whether {@link #close()} was called (or the context closed)} */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket: waits up to LINGER for queued messages to be sent, then closes every
     * connection. Threads blocked in this socket get {@link ZmqException.SocketClosedException}.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        long lingerNanos = SocketOptions.nanos(get(Option.LINGER));
        long closeStart = System.nanoTime();
        closed = true;
        waiters.wakeAll();
        readiness.signal();
        Linger.await(pattern, waiters, lingerNanos);
        // What the pipes held is written by now (or LINGER ran out); let it reach the kernel.
        endpoints.closeAll(lingerNanos, closeStart);
        context.forget(this);
        telemetry.stopMonitors();
        closeActions.runAll(this);
    }

    /**
     * Runs {@code action} once this socket has closed ("beyond libzmq": for whatever lives as long
     * as the socket, such as the meters of a metrics binder). The action runs once, on the thread
     * that closes the socket (or its context), after the close: connections closed, monitors
     * stopped, {@link #statistics()} final. If the socket has closed already, it runs at once on
     * the calling thread. Actions run in the order they were added; one that throws a
     * {@code RuntimeException} is logged and the others still run ({@link #close()} does not throw
     * because of it). An action should be quick: the close waits for it.
     *
     * <p>Thread-safe, and safe to call while another thread closes the socket: the action then runs
     * exactly once, on one of the two threads.
     *
     * @param action what to run; keep the reference to take it back with {@link #removeOnClose}
     * @throws NullPointerException if {@code action} is null
     */
    public void onClose(Runnable action) {
        closeActions.add(Objects.requireNonNull(action, "action"), this);
    }

    /**
     * Removes an action given to {@link #onClose} that has not run yet (compared by identity), so
     * that the socket stops holding it. Thread-safe.
     *
     * @param action the action as given to {@link #onClose}
     * @return {@code true} if it was waiting and will not run; {@code false} if it ran, is running,
     *         or was never added
     */
    public boolean removeOnClose(Runnable action) {
        return closeActions.remove(action);
    }

    @Override
    public String toString() {
        String last = endpoints.last();
        return "Socket{" + type + (last != null ? " " + last : "") + (closed ? " closed" : "") + "}";
    }
}
