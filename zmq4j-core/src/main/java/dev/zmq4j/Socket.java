package dev.zmq4j;

import dev.zmq4j.pattern.Parts;
import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.Connector;
import dev.zmq4j.transport.Endpoint;
import dev.zmq4j.transport.InprocConnector;
import dev.zmq4j.transport.InprocListener;
import dev.zmq4j.transport.Listener;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.zmtp.Metadata;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p><b>Blocking:</b> {@code send}/{@code receive} without a timeout wait as SNDTIMEO/RCVTIMEO
 * say (forever by default); the {@code Duration} forms wait at most that long; {@code try*} never
 * waits. "Would block" is a return value ({@code false} or {@code null}), never an exception.
 */
public final class Socket implements AutoCloseable {
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
    private volatile Thread sendWaiter;
    private volatile Thread recvWaiter;
    private volatile boolean closed;
    private volatile String lastEndpoint;
    private volatile long sendTimeoutNanos = -1;
    private volatile long receiveTimeoutNanos = -1;

    // Frame-by-frame state, guarded by the locks.
    private final List<byte[]> pendingParts = new ArrayList<>();
    private byte[][] current;
    private int currentIndex;

    Socket(Context context, SocketType type) {
        this.context = context;
        this.type = type;
        this.pattern = Pattern.forType(type.zmtpName());
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
        options.put(option, option.validate(value));
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
            connectors.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(new Connector(context.transport(), e, port));
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
        return sendParts(message.parts(), sendTimeoutNanos);
    }

    /** Sends a whole message, waiting at most {@code timeout}; {@code false} if it elapsed. */
    public boolean send(Message message, Duration timeout) {
        return sendParts(message.parts(), nanos(timeout));
    }

    /** Sends a whole message if that does not block; {@code false} otherwise. */
    public boolean trySend(Message message) {
        return sendParts(message.parts(), 0);
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
        return sendParts(null, data, timeoutNanos);
    }

    private boolean sendParts(byte[][] parts, long timeoutNanos) {
        return sendParts(parts, null, timeoutNanos);
    }

    private boolean sendParts(byte[][] parts, byte[] single, long timeoutNanos) {
        checkOpen();
        checkCanSend();
        long start = timeoutNanos > 0 ? System.nanoTime() : 0;
        if (!lock(sendLock, timeoutNanos)) {
            return false;
        }
        try {
            Object message;
            if (pendingParts.isEmpty()) {
                message = single != null ? single : Parts.toMessage(parts);
            } else {
                List<byte[]> all = new ArrayList<>(pendingParts);
                if (single != null) {
                    all.add(single);
                } else {
                    all.addAll(List.of(parts));
                }
                message = Parts.toMessage(all.toArray(new byte[0][]));
            }
            if (pattern.trySend(message) || (timeoutNanos != 0 && awaitSend(message, start, timeoutNanos))) {
                pendingParts.clear();
                return true;
            }
            return false;
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
            return m == null ? null : Message.wrapParts(Parts.of(m));
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
        Object m = pattern.tryReceive();
        if (m != null || timeoutNanos == 0) {
            return m;
        }
        long start = System.nanoTime();
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                recvWaiter = me;
                // Connections that paused at RCVHWM may be waiting for exactly this room.
                for (Pipe p : pattern.pipes()) {
                    p.maybeResume();
                }
                m = pattern.tryReceive();
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
            Thread t = recvWaiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        @Override
        public void pipeWritable(Pipe pipe) {
            Thread t = sendWaiter;
            if (t != null) {
                LockSupport.unpark(t);
            }
            if (!lingerWaiters.isEmpty()) {
                lingerWaiters.forEach(LockSupport::unpark);
            }
        }

        @Override
        public String zmtpType() {
            return type.zmtpName();
        }

        @Override
        public Metadata localMetadata() {
            Map<String, byte[]> m = new LinkedHashMap<>();
            m.put(Metadata.SOCKET_TYPE, type.zmtpName().getBytes(StandardCharsets.US_ASCII));
            if (type == SocketType.REQ) {
                m.put(Metadata.IDENTITY, get(Option.ROUTING_ID));
            }
            return Metadata.of(m);
        }

        @Override
        public long maxMessageSize() {
            return get(Option.MAXMSGSIZE);
        }

        @Override
        public Pipe newPipe() {
            return new Pipe(this, get(Option.SNDHWM), get(Option.RCVHWM));
        }

        @Override
        public boolean attach(Pipe pipe) {
            boolean ok = !closed && pattern.attach(pipe);
            if (ok) {
                wakeAll();
            }
            return ok;
        }

        @Override
        public void detach(Pipe pipe) {
            pattern.detach(pipe);
            wakeAll();
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
