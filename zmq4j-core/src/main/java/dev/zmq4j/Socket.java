package dev.zmq4j;

import dev.zmq4j.pattern.Parts;
import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pattern.UnroutableException;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.Connector;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.InprocConnector;
import dev.zmq4j.transport.InprocListener;
import dev.zmq4j.transport.Listener;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.TransportEvent;
import dev.zmq4j.zmtp.Metadata;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

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
    /** A ROUTER's CONNECT_ROUTING_ID, for the pipe that the connect() on this thread creates. */
    private static final ThreadLocal<byte[]> CONNECT_ROUTING_ID = new ThreadLocal<>();
    private final Context context;
    private final SocketType type;
    private final Pattern pattern;
    private final Map<Option<?>, Object> options = new ConcurrentHashMap<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock recvLock = new ReentrantLock();
    private final Port port = new Port();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, List<Connector>> connectors = new LinkedHashMap<>();
    private final Map<String, InprocListener> inprocListeners = new LinkedHashMap<>();
    private final Map<String, List<InprocConnector>> inprocConnectors = new LinkedHashMap<>();
    private final List<Thread> lingerWaiters = new CopyOnWriteArrayList<>();
    // A thread parked in send or receive. An in-process peer signals after every message, so it
    // takes the waiter out (compare-and-set to null) before unparking it: one unpark per park, not
    // one per message. A connection signals once per batch (or per 256 messages) and unparks
    // without taking it out, as before this change: the permit a second signal leaves lets the
    // waiter's next park return at once; an A/B over tcp showed no difference either way. The
    // waiter publishes itself again before each re-check.
    private volatile Thread sendWaiter;
    private volatile Thread recvWaiter;
    private static final VarHandle SEND_WAITER;
    private static final VarHandle RECV_WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEND_WAITER = l.findVarHandle(Socket.class, "sendWaiter", Thread.class);
            RECV_WAITER = l.findVarHandle(Socket.class, "recvWaiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile boolean closed;
    private volatile String lastEndpoint;
    private volatile long sendTimeoutNanos = -1;
    private volatile long receiveTimeoutNanos = -1;
    private static final Monitor[] NO_MONITORS = new Monitor[0];
    /** Copy-on-write; read once per event (the only cost of an event nobody monitors). */
    private volatile Monitor[] monitors = NO_MONITORS;
    /** Every pipe attached and not yet detached, for statistics; counts of detached pipes live on in {@link #retired}. */
    private final Set<Pipe> statPipes = ConcurrentHashMap.newKeySet();
    private final long[] retired = new long[4];
    /** Messages the pattern dropped; written under the send lock only, so a volatile add suffices. */
    private volatile long dropped;
    private final Object monitorLock = new Object();

    // Pollers watching this socket: copy-on-write, so the I/O threads read one volatile field.
    private static final ReadinessListener[] NO_LISTENERS = new ReadinessListener[0];
    private final Object readinessLock = new Object();
    private volatile ReadinessListener[] readinessListeners = NO_LISTENERS;
    private final boolean lockStep;
    // A message a poller took ahead of the application (see readableNow); the next receive returns
    // it first. Guarded by recvLock; volatile for the lock-step check on the send side.
    private volatile Object prefetched;

    // Frame-by-frame state, guarded by the locks.
    private final List<byte[]> pendingParts = new ArrayList<>();
    private byte[][] current;
    private int currentIndex;

    Socket(Context context, SocketType type) {
        this.context = context;
        this.type = type;
        this.pattern = Pattern.forType(type.zmtpName());
        this.lockStep = pattern.isLockStep();
    }

    /** The socket's type. */
    public SocketType type() {
        return type;
    }

    // ---- options ----

    /**
     * Sets an option. Most options apply to connections made after the call (as in libzmq);
     * timeouts and LINGER apply at once.
     *
     * @throws IllegalArgumentException if the value is out of range
     */
    public <T> void set(Option<T> option, T value) {
        checkOpen();
        T valid = option.validate(value);
        options.put(option, valid);
        pattern.onOption(option.name(), valid);
        sendTimeoutNanos = nanos(get(Option.SNDTIMEO));
        receiveTimeoutNanos = nanos(get(Option.RCVTIMEO));
    }

    /** The value of an option: the one set, or the default. */
    public <T> T get(Option<T> option) {
        Object v = options.get(option);
        T value = v == null ? option.defaultValue() : option.type().cast(v);
        return value instanceof byte[] b ? option.type().cast(b.clone()) : value;
    }

    // ---- endpoints ----

    /**
     * Binds to an endpoint, e.g. {@code tcp://*:5555}, {@code tcp://127.0.0.1:*} (an ephemeral
     * port), {@code ipc:///tmp/feed} (a Unix domain socket; {@code ipc://*} for a generated path)
     * or {@code inproc://feed} (sockets of this socket's context).
     *
     * @return the bound endpoint with the actual address and port, e.g. {@code tcp://127.0.0.1:41234}
     * @throws IllegalArgumentException        if the endpoint is malformed
     * @throws ZmqException.AddressInUseException if the address is taken
     * @throws ZmqException.BindFailedException   if the address cannot be bound
     */
    public String bind(String endpoint) {
        checkOpen();
        Endpoint e = Endpoint.parse(endpoint, true);
        if (e.isInproc()) {
            return bindInproc(endpoint, e.host());
        }
        Listener l;
        try {
            l = new Listener(context.transport(), e, port);
        } catch (BindException ex) {
            String msg = String.valueOf(ex.getMessage());
            port.event(TransportEvent.BIND_FAILED, endpoint, null, null, msg, 0);
            if (msg.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                throw new ZmqException.AddressInUseException(endpoint + ": address in use", ex);
            }
            throw new ZmqException.BindFailedException(endpoint + ": cannot bind: " + msg, ex);
        }
        synchronized (listeners) {
            if (closed) {
                l.close(0);
                checkOpen();
            }
            listeners.put(l.endpoint(), l);
        }
        lastEndpoint = l.endpoint();
        return l.endpoint();
    }

    /**
     * Connects to an endpoint, e.g. {@code tcp://127.0.0.1:5555}. Returns at once: the connection
     * is made in the background, retried with back-off while the peer is absent, and re-made if it
     * drops. Messages sent meanwhile queue for it. An {@code inproc://} connect to a name not yet
     * bound waits for the bind (messages queue up to SNDHWM meanwhile).
     *
     * @throws IllegalArgumentException if the endpoint is malformed
     * @throws IllegalStateException    if an {@code inproc://} name is bound by a socket whose type
     *                                  cannot talk to this one
     */
    public void connect(String endpoint) {
        checkOpen();
        Endpoint e = Endpoint.parse(endpoint, false);
        if (e.isInproc()) {
            connectInproc(endpoint, e.host());
            return;
        }
        synchronized (listeners) {
            checkOpen();
            // CONNECT_ROUTING_ID applies to this connect() only.
            byte[] routingId = type == SocketType.ROUTER ? (byte[]) options.remove(Option.CONNECT_ROUTING_ID) : null;
            if (routingId != null && routingId.length > 0) {
                CONNECT_ROUTING_ID.set(routingId);
            }
            try {
                connectors.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(new Connector(context.transport(), e, port));
            } finally {
                CONNECT_ROUTING_ID.remove();
            }
        }
        lastEndpoint = endpoint;
    }

    /**
     * Stops listening on a bound endpoint (as returned by {@link #bind}) and closes the
     * connections accepted there.
     *
     * @throws IllegalArgumentException if the socket is not bound to that endpoint
     */
    public void unbind(String endpoint) {
        checkOpen();
        Listener l;
        InprocListener il;
        synchronized (listeners) {
            l = listeners.remove(endpoint);
            il = l == null ? inprocListeners.remove(endpoint) : null;
        }
        if (il != null) {
            il.close();
            return;
        }
        if (l == null) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: one this socket is bound to: "
                    + boundEndpoints() + ")");
        }
        l.close(0);
    }

    /**
     * Disconnects from an endpoint given to {@link #connect}; messages queued for it are dropped.
     *
     * @throws IllegalArgumentException if the socket is not connected to that endpoint
     */
    public void disconnect(String endpoint) {
        checkOpen();
        List<Connector> cs;
        List<InprocConnector> ics;
        synchronized (listeners) {
            cs = connectors.remove(endpoint);
            ics = cs == null ? inprocConnectors.remove(endpoint) : null;
        }
        if (ics != null) {
            ics.forEach(InprocConnector::close);
            return;
        }
        if (cs == null) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: one this socket is connected to: "
                    + connectors.keySet() + ")");
        }
        cs.forEach(c -> c.close(0));
    }

    /** The endpoint of the last bind (with its actual port) or connect, or {@code null}. */
    public String lastEndpoint() {
        return lastEndpoint;
    }

    private List<String> boundEndpoints() {
        synchronized (listeners) {
            List<String> all = new ArrayList<>(listeners.keySet());
            all.addAll(inprocListeners.keySet());
            return all;
        }
    }

    private String bindInproc(String endpoint, String name) {
        InprocListener l;
        try {
            l = context.inproc().bind(name, port);
        } catch (BindException ex) {
            throw new ZmqException.AddressInUseException(endpoint + ": address in use", ex);
        }
        synchronized (listeners) {
            if (closed) {
                l.close();
                checkOpen();
            }
            inprocListeners.put(l.endpoint(), l);
        }
        lastEndpoint = l.endpoint();
        return l.endpoint();
    }

    private void connectInproc(String endpoint, String name) {
        synchronized (listeners) {
            checkOpen();
            inprocConnectors.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(context.inproc().connect(name, port));
        }
        lastEndpoint = endpoint;
    }

    // ---- sending ----

    /** Sends a whole message, waiting as SNDTIMEO says; {@code false} if SNDTIMEO elapsed. */
    public boolean send(Message message) {
        return sendParts(message.pipeForm(), sendTimeoutNanos);
    }

    /** Sends a whole message, waiting at most {@code timeout}; {@code false} if it elapsed. */
    public boolean send(Message message, Duration timeout) {
        return sendParts(message.pipeForm(), nanos(timeout));
    }

    /** Sends a whole message if that does not block; {@code false} otherwise. */
    public boolean trySend(Message message) {
        return sendParts(message.pipeForm(), 0);
    }

    /**
     * Sends {@code data} as the last (or only) frame of a message, waiting as SNDTIMEO says.
     * The array is not copied: do not change it afterwards.
     *
     * @return {@code false} if SNDTIMEO elapsed
     */
    public boolean send(byte[] data) {
        return sendFrame(data, sendTimeoutNanos);
    }

    /** As {@link #send(byte[])}, waiting at most {@code timeout}. */
    public boolean send(byte[] data, Duration timeout) {
        return sendFrame(data, nanos(timeout));
    }

    /** As {@link #send(byte[])}, never blocking. */
    public boolean trySend(byte[] data) {
        return sendFrame(data, 0);
    }

    /** Sends {@code text} (UTF-8) as the last (or only) frame, waiting as SNDTIMEO says. */
    public boolean send(String text) {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #send(String)}, waiting at most {@code timeout}. */
    public boolean send(String text, Duration timeout) {
        return send(text.getBytes(StandardCharsets.UTF_8), timeout);
    }

    /** As {@link #send(String)}, never blocking. */
    public boolean trySend(String text) {
        return trySend(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a frame of a multipart message; the message leaves with the next {@code send}. */
    public void sendMore(byte[] data) {
        checkOpen();
        checkCanSend();
        lock(sendLock, -1);
        try {
            pendingParts.add(data);
        } finally {
            sendLock.unlock();
        }
    }

    /** Queues a UTF-8 frame of a multipart message; the message leaves with the next {@code send}. */
    public void sendMore(String text) {
        sendMore(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean sendFrame(byte[] data, long timeoutNanos) {
        if (data == null) {
            throw new IllegalArgumentException("data: null (expected: a byte array)");
        }
        return sendParts(data, timeoutNanos);
    }

    /** Sends a message in pipe form ({@code byte[]} or {@code byte[][]}, see {@link Parts}). */
    private boolean sendParts(Object pipeMessage, long timeoutNanos) {
        checkOpen();
        checkCanSend();
        long start = timeoutNanos > 0 ? System.nanoTime() : 0;
        if (!lock(sendLock, timeoutNanos)) {
            return false;
        }
        try {
            Object message;
            if (pendingParts.isEmpty()) {
                message = pipeMessage;
            } else {
                List<byte[]> all = new ArrayList<>(pendingParts);
                all.addAll(List.of(Parts.of(pipeMessage)));
                message = Parts.toMessage(all.toArray(new byte[0][]));
            }
            if (lockStep && prefetched != null) {
                throw new IllegalStateException(type + " socket: send() while a received message waits"
                        + " (expected: receive() it first)");
            }
            if (pattern.trySend(message) || (timeoutNanos != 0 && awaitSend(message, start, timeoutNanos))) {
                pendingParts.clear();
                if (lockStep) {
                    signalReadiness();
                }
                return true;
            }
            return false;
        } catch (UnroutableException e) {
            pendingParts.clear();
            throw new ZmqException.HostUnreachableException(type + " socket: " + e.getMessage());
        } finally {
            sendLock.unlock();
        }
    }

    private boolean awaitSend(Object message, long start, long timeoutNanos) {
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                sendWaiter = me;
                if (pattern.trySend(message)) {
                    return true;
                }
                checkOpen();
                if (!park(start, timeoutNanos)) {
                    return false;
                }
            }
        } finally {
            sendWaiter = null;
        }
    }

    // ---- receiving ----

    /** Receives a whole message (or the rest of one), waiting as RCVTIMEO says; {@code null} if it elapsed. */
    public Message receive() {
        return receiveMessage(receiveTimeoutNanos);
    }

    /** Receives a whole message, waiting at most {@code timeout}; {@code null} if it elapsed. */
    public Message receive(Duration timeout) {
        return receiveMessage(nanos(timeout));
    }

    /** Receives a whole message if one is ready; {@code null} otherwise. */
    public Message tryReceive() {
        return receiveMessage(0);
    }

    /**
     * Receives the next frame, waiting as RCVTIMEO says; {@code null} if it elapsed. Use
     * {@link #hasReceiveMore()} to learn whether more frames of the same message follow.
     */
    public byte[] receiveBytes() {
        return receiveFrame(receiveTimeoutNanos);
    }

    /** As {@link #receiveBytes()}, waiting at most {@code timeout}. */
    public byte[] receiveBytes(Duration timeout) {
        return receiveFrame(nanos(timeout));
    }

    /** The next frame as UTF-8 text, waiting as RCVTIMEO says; {@code null} if it elapsed. */
    public String receiveString() {
        byte[] b = receiveBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Whether the last frame received by {@link #receiveBytes()} has more frames after it. */
    public boolean hasReceiveMore() {
        lock(recvLock, -1);
        try {
            return current != null;
        } finally {
            recvLock.unlock();
        }
    }

    private Message receiveMessage(long timeoutNanos) {
        checkOpen();
        checkCanReceive();
        if (!lock(recvLock, timeoutNanos)) {
            return null;
        }
        try {
            if (current != null) {
                byte[][] rest = new byte[current.length - currentIndex][];
                System.arraycopy(current, currentIndex, rest, 0, rest.length);
                current = null;
                return Message.wrapParts(rest);
            }
            Object m = receiveObject(timeoutNanos);
            return m == null ? null : Message.wrapPipeForm(m);
        } finally {
            recvLock.unlock();
        }
    }

    private byte[] receiveFrame(long timeoutNanos) {
        checkOpen();
        checkCanReceive();
        if (!lock(recvLock, timeoutNanos)) {
            return null;
        }
        try {
            if (current != null) {
                byte[] f = current[currentIndex++];
                if (currentIndex == current.length) {
                    current = null;
                }
                return f;
            }
            Object m = receiveObject(timeoutNanos);
            if (m == null || m instanceof byte[]) {
                return (byte[]) m;
            }
            byte[][] parts = (byte[][]) m;
            current = parts;
            currentIndex = 1;
            return parts[0];
        } finally {
            recvLock.unlock();
        }
    }

    private Object receiveObject(long timeoutNanos) {
        Object m = takeMessage();
        if (m != null || timeoutNanos == 0) {
            return m;
        }
        return awaitMessage(timeoutNanos);
    }

    /** {@link #receiveObject}'s slow path: nothing was queued. Under the receive lock. */
    private Object awaitMessage(long timeoutNanos) {
        Object m;
        long start = System.nanoTime();
        long spin = timeoutNanos < 0 ? INPROC_SPIN_NANOS : Math.min(INPROC_SPIN_NANOS, timeoutNanos);
        if (hasInprocPipe()) {
            // An in-process peer is a user thread that may answer within a microsecond: yield
            // for a moment before parking (see INPROC_SPIN_NANOS).
            do {
                Thread.yield();
                m = takeMessage();
                if (m != null) {
                    return m;
                }
            } while (System.nanoTime() - start < spin);
        }
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                recvWaiter = me;
                // Connections that paused at RCVHWM may be waiting for exactly this room.
                for (Pipe p : pattern.pipes()) {
                    p.maybeResume();
                }
                m = takeMessage();
                if (m != null) {
                    return m;
                }
                checkOpen();
                if (!park(start, timeoutNanos)) {
                    return null;
                }
            }
        } finally {
            recvWaiter = null;
        }
    }

    /**
     * How long a receive waiting on in-process pipes yields before it parks. A parked thread is
     * woken with a plain futex wake, which the kernel delivers on the thread's own (idle, so
     * halted) CPU; in a VM that costs 40-100 us, against ~1 us for the message itself. Yielding
     * keeps the CPU from halting when the peer runs on the other CPU, and hands it to the peer
     * when both share one. Over tcp the reply comes from this socket's I/O thread, which needs
     * the CPU: there it measured slower, so connections' pipes do not spin (docs/PERFORMANCE.md).
     */
    private static final long INPROC_SPIN_NANOS = 20_000;

    private boolean hasInprocPipe() {
        for (Pipe p : pattern.pipes()) {
            if (p.isInproc()) {
                return true;
            }
        }
        return false;
    }

    /** The prefetched message, else the pattern's next one; under the receive lock. */
    private Object takeMessage() {
        Object m = prefetched;
        if (m != null) {
            prefetched = null;
        } else {
            m = pattern.tryReceive();
        }
        if (m != null && lockStep) {
            // REQ/REP change state on receive without any I/O event: tell pollers (WRITABLE).
            signalReadiness();
        }
        return m;
    }

    // ---- readiness, for Poller ----

    /** Told when the socket may have become readable or writable; called from any thread. */
    interface ReadinessListener {
        /** The socket may have changed readiness (or was closed); must be cheap and never block. */
        void readinessChanged();
    }

    void addReadinessListener(ReadinessListener l) {
        synchronized (readinessLock) {
            ReadinessListener[] old = readinessListeners;
            ReadinessListener[] next = java.util.Arrays.copyOf(old, old.length + 1);
            next[old.length] = l;
            readinessListeners = next;
        }
    }

    void removeReadinessListener(ReadinessListener l) {
        synchronized (readinessLock) {
            ReadinessListener[] old = readinessListeners;
            for (int i = 0; i < old.length; i++) {
                if (old[i] == l) {
                    ReadinessListener[] next = new ReadinessListener[old.length - 1];
                    System.arraycopy(old, 0, next, 0, i);
                    System.arraycopy(old, i + 1, next, i, old.length - i - 1);
                    readinessListeners = old.length == 1 ? NO_LISTENERS : next;
                    return;
                }
            }
        }
    }

    private void signalReadiness() {
        ReadinessListener[] ls = readinessListeners;
        if (ls.length != 0) {
            for (ReadinessListener l : ls) {
                l.readinessChanged();
            }
        }
    }

    /**
     * READABLE: whether a receive would return a message now. Takes the pattern's next message
     * into a one-message slot that the next receive returns first, so the answer is exact for
     * every socket type (a REQ in its send state, a REP waiting for its reply, are not readable).
     *
     * @return 1 readable, 0 not, -1 unknown: another thread holds the receive lock
     */
    int readableNow() {
        if (closed || !pattern.canReceive()) {
            return 0;
        }
        if (!recvLock.tryLock()) {
            return -1;
        }
        try {
            if (current != null || prefetched != null) {
                return 1;
            }
            Object m;
            try {
                m = pattern.tryReceive();
            } catch (IllegalStateException wrongState) {
                return 0;
            }
            if (m == null) {
                // As before parking in receive: a connection paused at RCVHWM may wait for this room.
                for (Pipe p : pattern.pipes()) {
                    p.maybeResume();
                }
                return 0;
            }
            prefetched = m;
            return 1;
        } finally {
            recvLock.unlock();
        }
    }

    /** WRITABLE: whether a send would be accepted now without waiting. */
    boolean writableNow() {
        if (closed || !pattern.canSend() || (lockStep && prefetched != null)) {
            return false;
        }
        return pattern.canSendNow();
    }

    /** Whether the socket type can receive at all (PUSH cannot). */
    boolean canReceive() {
        return pattern.canReceive();
    }

    /** Whether the socket type can send at all (PULL cannot). */
    boolean canSend() {
        return pattern.canSend();
    }

    /** Whether the context this socket belongs to was closed. */
    boolean isContextClosed() {
        return context.isClosed();
    }

    // ---- waiting ----

    /** Parks until signalled; {@code false} once the timeout (negative = none) has elapsed. */
    private boolean park(long start, long timeoutNanos) {
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else {
            long left = timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, left);
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException(type + " socket: interrupted while blocked");
        }
        return true;
    }

    private boolean lock(ReentrantLock lock, long timeoutNanos) {
        try {
            if (timeoutNanos < 0) {
                lock.lockInterruptibly();
                return true;
            }
            return timeoutNanos == 0 ? lock.tryLock() : lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException(type + " socket: interrupted while waiting for another thread's call");
        }
    }

    private static long nanos(Duration d) {
        return d.isNegative() ? -1 : d.toNanos();
    }

    private void checkCanSend() {
        if (!pattern.canSend()) {
            throw new UnsupportedOperationException(type + " sockets cannot send");
        }
    }

    private void checkCanReceive() {
        if (!pattern.canReceive()) {
            throw new UnsupportedOperationException(type + " sockets cannot receive");
        }
    }

    private void checkOpen() {
        if (closed) {
            if (context.isClosed()) {
                throw new ZmqException.ContextClosedException(type + " socket: the context was closed");
            }
            throw new ZmqException.SocketClosedException(type + " socket: closed");
        }
    }

    private void wakeAll() {
        Thread t = sendWaiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        t = recvWaiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        signalReadiness();
    }

    // ---- monitoring and statistics ----

    /**
     * Starts a monitor of this socket's events of the given types (libzmq's
     * {@code zmq_socket_monitor}). Events happen on I/O threads and are queued for the monitor;
     * see {@link Monitor}. The monitor stops when it is closed or when the socket closes.
     *
     * @throws IllegalArgumentException if {@code types} is empty
     */
    public Monitor monitor(Set<SocketEvent.Type> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types: [] (expected: at least one event type)");
        }
        checkOpen();
        Monitor m = new Monitor(this, types);
        synchronized (monitorLock) {
            Monitor[] ms = monitors;
            Monitor[] more = java.util.Arrays.copyOf(ms, ms.length + 1);
            more[ms.length] = m;
            monitors = more;
        }
        return m;
    }

    /** Starts a monitor of every event type; see {@link #monitor(Set)}. */
    public Monitor monitor() {
        return monitor(EnumSet.allOf(SocketEvent.Type.class));
    }

    void removeMonitor(Monitor m) {
        synchronized (monitorLock) {
            List<Monitor> rest = new ArrayList<>(List.of(monitors));
            rest.remove(m);
            monitors = rest.toArray(NO_MONITORS);
        }
    }

    private void stopMonitors() {
        Monitor[] ms;
        synchronized (monitorLock) {
            ms = monitors;
            monitors = NO_MONITORS;
        }
        for (Monitor m : ms) {
            m.stop();
        }
    }

    /**
     * A snapshot of the socket's traffic counters and queue depths ("beyond libzmq"): totals over
     * every peer connection since the socket was created, including connections that are gone.
     * Cheap enough to call often; any thread.
     */
    public SocketStatistics statistics() {
        long[] t = new long[4];
        long queuedIn = 0;
        long queuedOut = 0;
        synchronized (statPipes) {
            System.arraycopy(retired, 0, t, 0, t.length);
            for (Pipe p : statPipes) {
                t[0] += p.messagesIn();
                t[1] += p.bytesIn();
                t[2] += p.messagesOut();
                t[3] += p.bytesOut();
                queuedIn += p.inSize();
                queuedOut += p.outSize();
            }
        }
        return new SocketStatistics(t[0], t[1], t[2], t[3], dropped, queuedIn, queuedOut);
    }

    private void retire(Pipe p) {
        synchronized (statPipes) {
            if (statPipes.remove(p)) {
                retired[0] += p.messagesIn();
                retired[1] += p.bytesIn();
                retired[2] += p.messagesOut();
                retired[3] += p.bytesOut();
            }
        }
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return Endpoint.format("tcp", i);
        }
        return a == null ? null : a.toString();
    }

    // ---- closing ----

    /** Whether {@link #close()} was called (or the context closed). */
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
        long lingerNanos = nanos(get(Option.LINGER));
        long closeStart = System.nanoTime();
        closed = true;
        wakeAll();
        linger(lingerNanos);
        List<Listener> ls;
        List<Connector> cs = new ArrayList<>();
        List<InprocListener> ils;
        List<InprocConnector> ics = new ArrayList<>();
        synchronized (listeners) {
            ls = new ArrayList<>(listeners.values());
            listeners.clear();
            connectors.values().forEach(cs::addAll);
            connectors.clear();
            ils = new ArrayList<>(inprocListeners.values());
            inprocListeners.clear();
            inprocConnectors.values().forEach(ics::addAll);
            inprocConnectors.clear();
        }
        ils.forEach(InprocListener::close);
        ics.forEach(InprocConnector::close);
        // What the pipes held is written by now (or LINGER ran out); let it reach the kernel.
        long grace = lingerNanos < 0 ? -1 : Math.max(0, TimeUnit.NANOSECONDS.toMillis(lingerNanos - (System.nanoTime() - closeStart)));
        ls.forEach(l -> l.close(grace));
        cs.forEach(c -> c.close(grace));
        context.forget(this);
        stopMonitors();
    }

    private void linger(long lingerNanos) {
        if (lingerNanos == 0 || !hasUnsent()) {
            return;
        }
        long start = System.nanoTime();
        Thread me = Thread.currentThread();
        lingerWaiters.add(me);
        try {
            while (hasUnsent()) {
                if (lingerNanos < 0) {
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
                } else {
                    long left = lingerNanos - (System.nanoTime() - start);
                    if (left <= 0) {
                        return;
                    }
                    LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } finally {
            lingerWaiters.remove(me);
        }
    }

    private boolean hasUnsent() {
        for (Pipe p : pattern.pipes()) {
            if (!p.isTerminated() && p.hasUnsent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Socket{" + type + (lastEndpoint != null ? " " + lastEndpoint : "") + (closed ? " closed" : "") + "}";
    }

    /** The socket as seen by its pipes and transports (I/O threads). */
    private final class Port implements SocketPort, Pipe.Owner {
        @Override
        public void pipeReadable(Pipe pipe) {
            pattern.pipeReadable(pipe);
            Thread t = recvWaiter;
            if (t != null && (!pipe.isInproc() || RECV_WAITER.compareAndSet(Socket.this, t, null))) {
                LockSupport.unpark(t);
            }
            signalReadiness();
        }

        @Override
        public void pipeConnected(Pipe pipe) {
            pattern.pipeConnected(pipe);
        }

        @Override
        public void pipeWritable(Pipe pipe) {
            pattern.pipeWritable(pipe);
            Thread t = sendWaiter;
            if (t != null && (!pipe.isInproc() || SEND_WAITER.compareAndSet(Socket.this, t, null))) {
                LockSupport.unpark(t);
            }
            if (!lingerWaiters.isEmpty()) {
                lingerWaiters.forEach(LockSupport::unpark);
            }
            signalReadiness();
        }

        @Override
        @SuppressWarnings("NonAtomicOperationOnVolatileField")
        public void pipeDropped(Pipe pipe) {
            dropped++;
        }

        @Override
        public String zmtpType() {
            return type.zmtpName();
        }

        @Override
        public Metadata localMetadata() {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put(Metadata.SOCKET_TYPE, type.zmtpName().getBytes(StandardCharsets.US_ASCII));
            if (type == SocketType.REQ || type == SocketType.DEALER || type == SocketType.ROUTER) {
                m.put(Metadata.IDENTITY, get(Option.ROUTING_ID));
            }
            return Metadata.of(m);
        }

        @Override
        public long maxMessageSize() {
            return get(Option.MAXMSGSIZE);
        }

        @Override
        public boolean immediate() {
            return get(Option.IMMEDIATE);
        }

        @Override
        public Pipe newPipe() {
            Pipe p = new Pipe(this, get(Option.SNDHWM), get(Option.RCVHWM), get(Option.CONFLATE));
            byte[] routingId = CONNECT_ROUTING_ID.get();
            if (routingId != null) {
                CONNECT_ROUTING_ID.remove();
                p.routingId(routingId);
            }
            return p;
        }

        @Override
        public boolean attach(Pipe pipe) {
            boolean ok = !closed && pattern.attach(pipe);
            if (ok) {
                statPipes.add(pipe);
                wakeAll();
            }
            return ok;
        }

        @Override
        public void detach(Pipe pipe) {
            pattern.detach(pipe);
            retire(pipe);
            wakeAll();
        }

        @Override
        public void event(TransportEvent kind, String endpoint, SocketAddress remote, byte[] routingId, String reason, long value) {
            Monitor[] ms = monitors;
            if (ms.length == 0) {
                return;
            }
            SocketEvent.Type t = SocketEvent.Type.of(kind);
            SocketEvent e = null;
            for (Monitor m : ms) {
                if (m.wants(t)) {
                    if (e == null) {
                        byte[] id = routingId == null || routingId.length == 0 ? null : routingId;
                        e = new SocketEvent(t, endpoint, address(remote), id, reason, value);
                    }
                    m.offer(e);
                }
            }
        }

        @Override
        public long[] heartbeatMillis() {
            long ivl = get(Option.HEARTBEAT_IVL).toMillis();
            Duration timeout = get(Option.HEARTBEAT_TIMEOUT);
            return new long[] {ivl, get(Option.HEARTBEAT_TTL).toMillis(), timeout.isNegative() ? ivl : timeout.toMillis()};
        }

        @Override
        public long reconnectIvlMillis() {
            Duration d = get(Option.RECONNECT_IVL);
            return d.isNegative() ? -1 : d.toMillis();
        }

        @Override
        public long reconnectIvlMaxMillis() {
            return get(Option.RECONNECT_IVL_MAX).toMillis();
        }

        @Override
        public Pipe.Owner pipeOwner() {
            return this;
        }

        @Override
        public int sndhwm() {
            return get(Option.SNDHWM);
        }

        @Override
        public int rcvhwm() {
            return get(Option.RCVHWM);
        }

        @Override
        public byte[] routingId() {
            return get(Option.ROUTING_ID);
        }

        @Override
        public int[] tcpKeepalive() {
            return new int[] {get(Option.TCP_KEEPALIVE), get(Option.TCP_KEEPALIVE_IDLE),
                    get(Option.TCP_KEEPALIVE_CNT), get(Option.TCP_KEEPALIVE_INTVL)};
        }
    }
}
