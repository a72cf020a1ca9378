package dev.zmq4j;

import dev.zmq4j.concurrent.SignalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits until any of several sockets can receive or send without blocking (libzmq's
 * {@code zmq_poller}).
 *
 * <pre>{@code
 * try (Poller poller = new Poller()) {
 *     poller.register(frontend, Poller.Event.READABLE);
 *     poller.register(backend, Poller.Event.READABLE, Poller.Event.WRITABLE);
 *     while (poller.poll(Duration.ofSeconds(1)) > 0) {
 *         if (poller.isReadable(frontend)) { ... frontend.tryReceive() ... }
 *     }
 * }
 * }</pre>
 *
 * <p><b>Readiness is exact for the socket type.</b> {@link Event#READABLE} means the next
 * {@code receive} returns a message at once: to know that, the poller takes the next message into
 * a one-message slot inside the socket, which the next receive returns first (frame-by-frame reads
 * see it as usual). So a REQ is readable only when its reply is there, a REP only in its receive
 * state. {@link Event#WRITABLE} means a send would not wait: some peer has room (PUSH, PAIR), a
 * REQ is in its send state with a peer that has room, a REP holds a request to reply to. While a
 * REQ or REP holds a message the poller took for it, it is not writable and {@code send} throws
 * {@link IllegalStateException}: receive that message first, as the lock-step says.
 *
 * <p><b>Cost.</b> Sockets tell their pollers when they may have become ready (a batch of messages
 * arrived, room was made, a peer came or went, a REQ/REP changed state); a poll re-checks only
 * the sockets that signalled since the last call and those that were ready at the last call. A
 * poller with thousands of idle registrations costs nothing for them.
 *
 * <p><b>Closed sockets.</b> As in libzmq ({@code ENOTSOCK}, {@code ETERM}), a poll that finds a
 * registered socket closed throws {@link ZmqException.SocketClosedException}, or
 * {@link ZmqException.ContextClosedException} if its context was closed, and goes on throwing until
 * the socket is {@linkplain #unregister unregistered}.
 *
 * <p><b>Thread-safety:</b> {@link #register}, {@link #unregister}, {@link #isReadable},
 * {@link #isWritable} and {@link #close} may be called from any thread, also while another thread
 * polls (a socket registered meanwhile is checked by the running poll). Polls are meant for one
 * thread at a time; concurrent polls are serialised. A poll parks without pinning a virtual
 * thread's carrier; an interrupt ends it with {@link ZmqException.InterruptedException}. Readiness
 * is a snapshot: another thread that receives from or sends on a registered socket may take what
 * was reported (and while such a thread holds the socket's receive lock, the poller cannot tell
 * whether the socket is readable and reports it not readable).
 */
public final class Poller implements AutoCloseable {
    /** What to wait for on a socket. */
    public enum Event {
        /** A receive would return a message at once (libzmq's {@code ZMQ_POLLIN}). */
        READABLE,
        /** A send would not wait (libzmq's {@code ZMQ_POLLOUT}). */
        WRITABLE
    }

    private static final int IN = 1;
    private static final int OUT = 2;

    private final ConcurrentHashMap<Socket, Registration> registrations = new ConcurrentHashMap<>();
    // Registrations that signalled since the last check (no allocation per signal).
    private final SignalStack<Registration> signalled = new SignalStack<>();
    private final ReentrantLock pollLock = new ReentrantLock();
    private volatile Thread waiter;
    private volatile boolean closed;

    // Owned by the polling thread (under pollLock).
    private ArrayList<Registration> ready = new ArrayList<>();
    private ArrayList<Registration> next = new ArrayList<>();
    private final ArrayList<Registration> signalledNow = new ArrayList<>();
    private long pass;

    /** Creates an empty poller. */
    public Poller() {
    }

    /**
     * Registers a socket for one or more events, or changes the events of a registered socket.
     *
     * @param socket the socket
     * @param event  an event to wait for
     * @param more   further events to wait for
     * @throws ZmqException.SocketClosedException if the socket is closed
     * @throws IllegalStateException              if the poller is closed
     */
    public void register(Socket socket, Event event, Event... more) {
        EnumSet<Event> events = EnumSet.of(event, more);
        register(socket, events);
    }

    /**
     * Registers a socket for a set of events, or changes the events of a registered socket.
     *
     * @param socket the socket
     * @param events the events to wait for: READABLE, WRITABLE or both
     * @throws IllegalArgumentException           if {@code events} is empty
     * @throws ZmqException.SocketClosedException if the socket is closed
     * @throws IllegalStateException              if the poller is closed
     */
    public void register(Socket socket, Set<Event> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("events: [] (expected: READABLE and/or WRITABLE)");
        }
        checkOpen();
        if (socket.isClosed()) {
            throw closedException(socket);
        }
        int mask = (events.contains(Event.READABLE) ? IN : 0) | (events.contains(Event.WRITABLE) ? OUT : 0);
        Registration r = registrations.computeIfAbsent(socket, Registration::new);
        boolean added = r.events == 0;
        r.events = mask;
        if (added) {
            socket.pollView().readiness().add(r);
        }
        r.readinessChanged();
    }

    /**
     * Removes a socket (closed or not) from the poller.
     *
     * @param socket a registered socket
     * @throws IllegalArgumentException if the socket is not registered
     */
    public void unregister(Socket socket) {
        Registration r = registrations.remove(socket);
        if (r == null) {
            throw new IllegalArgumentException("socket: " + socket + " (expected: one registered in this poller)");
        }
        r.removed = true;
        r.results = 0;
        socket.pollView().readiness().remove(r);
    }

    /**
     * {@return whether {@code socket} is registered}
     *
     * @param socket any socket
     */
    public boolean isRegistered(Socket socket) {
        return registrations.containsKey(socket);
    }

    /** {@return the number of registered sockets} */
    public int size() {
        return registrations.size();
    }

    /**
     * Waits until at least one registered socket is ready for an event it was registered for, or
     * the timeout elapses.
     *
     * @param timeout the longest wait; {@link Duration#ZERO} does not wait, {@link Option#FOREVER}
     *                (any negative duration) waits without limit
     * @return the number of sockets ready for at least one of their events; 0 if the timeout elapsed
     * @throws ZmqException.InterruptedException  if the thread was interrupted while waiting
     * @throws ZmqException.SocketClosedException  if a registered socket is closed
     * @throws ZmqException.ContextClosedException if a registered socket's context is closed
     * @throws IllegalStateException              if the poller is closed
     */
    public int poll(Duration timeout) {
        return poll(timeout.isNegative() ? -1 : timeout.toNanos());
    }

    /**
     * Checks readiness without waiting; as {@code poll(Duration.ZERO)}.
     *
     * @return the number of sockets ready for at least one of their events
     */
    public int pollNow() {
        return poll(0L);
    }

    /**
     * {@return whether {@code socket} was readable at the last poll}
     *
     * @param socket a registered socket
     * @throws IllegalArgumentException if the socket is not registered
     */
    public boolean isReadable(Socket socket) {
        return (registration(socket).results & IN) != 0;
    }

    /**
     * {@return whether {@code socket} was writable at the last poll}
     *
     * @param socket a registered socket
     * @throws IllegalArgumentException if the socket is not registered
     */
    public boolean isWritable(Socket socket) {
        return (registration(socket).results & OUT) != 0;
    }

    /**
     * The sockets that were ready at the last poll, in no particular order. Call it from the thread
     * that polls, between polls.
     *
     * @return a new list of those sockets
     */
    public List<Socket> readySockets() {
        List<Socket> out = new ArrayList<>(ready.size());
        for (Registration r : ready) {
            if (!r.removed && r.results != 0) {
                out.add(r.socket);
            }
        }
        return out;
    }

    /** Unregisters every socket (the sockets stay open) and ends a poll in progress. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Socket s : new ArrayList<>(registrations.keySet())) {
            Registration r = registrations.remove(s);
            if (r != null) {
                r.removed = true;
                s.pollView().readiness().remove(r);
            }
        }
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    // ---- polling ----

    private int poll(long timeoutNanos) {
        checkOpen();
        try {
            pollLock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException("poller: interrupted while another thread polled");
        }
        try {
            long start = timeoutNanos > 0 ? System.nanoTime() : 0;
            waiter = Thread.currentThread();
            try {
                for (;;) {
                    int n = check();
                    if (n > 0 || timeoutNanos == 0) {
                        return n;
                    }
                    if (signalled.isEmpty()) {
                        if (timeoutNanos < 0) {
                            LockSupport.park(this);
                        } else {
                            long left = timeoutNanos - (System.nanoTime() - start);
                            if (left <= 0) {
                                return 0;
                            }
                            LockSupport.parkNanos(this, left);
                        }
                    }
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new ZmqException.InterruptedException("poller: interrupted while waiting");
                    }
                    checkOpen();
                }
            } finally {
                waiter = null;
            }
        } finally {
            pollLock.unlock();
        }
    }

    /**
     * Re-checks the registrations that signalled and those ready last time; nothing else.
     *
     * @return how many are ready now
     */
    private int check() {
        long p = ++pass;
        // Each signalled flag is cleared before its socket is looked at, so that a signal coming
        // after the look pushes the registration again.
        ArrayList<Registration> candidates = signalledNow;
        candidates.clear();
        signalled.drainTo(candidates);
        candidates.addAll(ready);
        next.clear();
        Registration closedOne = null;
        int n = 0;
        for (int i = 0, size = candidates.size(); i < size; i++) {
            Registration r = candidates.get(i);
            if (r.checkedPass == p || r.removed) {
                continue;
            }
            r.checkedPass = p;
            Socket s = r.socket;
            if (s.isClosed()) {
                r.results = 0;
                next.add(r);
                if (closedOne == null) {
                    closedOne = r;
                }
                continue;
            }
            int events = r.events;
            int results = 0;
            boolean unknown = false;
            if ((events & IN) != 0) {
                int in = s.pollView().readableNow();
                if (in > 0) {
                    results |= IN;
                } else if (in < 0) {
                    unknown = true;
                }
            }
            if ((events & OUT) != 0 && s.pollView().writableNow()) {
                results |= OUT;
            }
            r.results = results;
            if (results != 0) {
                n++;
            }
            if (results != 0 || unknown) {
                next.add(r);
            }
        }
        candidates.clear();
        ArrayList<Registration> t = ready;
        ready = next;
        next = t;
        if (closedOne != null) {
            throw closedException(closedOne.socket);
        }
        return n;
    }

    private Registration registration(Socket socket) {
        Registration r = registrations.get(socket);
        if (r == null) {
            throw new IllegalArgumentException("socket: " + socket + " (expected: one registered in this poller)");
        }
        return r;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("poller: closed");
        }
    }

    private static ZmqException closedException(Socket socket) {
        if (socket.pollView().isContextClosed()) {
            return new ZmqException.ContextClosedException("poller: the context of registered " + socket + " was closed");
        }
        return new ZmqException.SocketClosedException("poller: registered " + socket
                + " was closed (expected: unregister it before closing it)");
    }

    /** One socket's registration; it is also the socket's readiness listener. */
    private final class Registration extends SignalStack.Node<Registration> implements Readiness.Listener {
        final Socket socket;
        volatile int events;
        volatile int results;
        volatile boolean removed;
        long checkedPass;

        Registration(Socket socket) {
            this.socket = socket;
        }

        @Override
        public void readinessChanged() {
            if (!removed && signalled.signal(this)) {
                Thread t = waiter;
                if (t != null) {
                    LockSupport.unpark(t);
                }
            }
        }
    }
}
