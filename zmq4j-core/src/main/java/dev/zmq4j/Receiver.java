package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pipe.Pipe;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The receive side of a socket: whole messages and frame-by-frame, waiting as asked, the message a
 * poller took ahead of the application, and the pipe each message came from (for its properties).
 * Thread-safe: receives are serialised by the receive lock.
 */
final class Receiver {
    /**
     * How long a receive waiting on in-process pipes yields before it parks. A parked thread is
     * woken with a plain futex wake, which the kernel delivers on the thread's own (idle, so
     * halted) CPU; in a VM that costs 40-100 us, against ~1 us for the message itself. Yielding
     * keeps the CPU from halting when the peer runs on the other CPU, and hands it to the peer
     * when both share one. Over tcp the reply comes from this socket's I/O thread, which needs
     * the CPU: there it measured slower, so connections' pipes do not spin (docs/PERFORMANCE.md).
     */
    private static final long INPROC_SPIN_NANOS = 20_000;

    private final Socket socket;
    private final Pattern pattern;
    private final PipeCensus census;
    private final Waiters waiters;
    private final Readiness readiness;
    private final boolean lockStep;
    private final ReentrantLock lock = new ReentrantLock();
    private final Multipart multipart;
    // A message a poller took ahead of the application (see readableNow), and the pipe it came
    // from; the next receive returns it first. Guarded by the lock; volatile for the lock-step
    // check on the send side.
    private volatile Object prefetched;
    private Pipe prefetchedFrom;
    /** The pipe a prefetched message being taken came from (see take); under the lock. */
    private Pipe takenFrom;

    Receiver(Socket socket, Pattern pattern, PipeCensus census, Waiters waiters, Readiness readiness, boolean lockStep,
             Multipart multipart) {
        this.socket = socket;
        this.pattern = pattern;
        this.census = census;
        this.waiters = waiters;
        this.readiness = readiness;
        this.lockStep = lockStep;
        this.multipart = multipart;
    }

    /** A whole message (or the rest of one), waiting up to {@code timeoutNanos} (negative = forever). */
    Message message(long timeoutNanos) {
        socket.checkOpen();
        socket.checkCanReceive();
        if (!Waiters.lock(lock, timeoutNanos, socket)) {
            return null;
        }
        try {
            if (multipart.hasMore()) {
                return Message.wrapPipeForm(multipart.rest(), null);
            }
            Object m = take();
            if (m == null && timeoutNanos != 0) {
                m = awaitSlowly(timeoutNanos);
            }
            if (m == null) {
                return null;
            }
            Pipe from = takenFrom != null ? takenFrom : pattern.lastReceivedFrom();
            takenFrom = null;
            return Message.wrapPipeForm(m, from == null ? null : from.peerProperties());
        } finally {
            lock.unlock();
        }
    }

    /** The next frame, waiting up to {@code timeoutNanos} (negative = forever). */
    byte[] frame(long timeoutNanos) {
        socket.checkOpen();
        socket.checkCanReceive();
        if (!Waiters.lock(lock, timeoutNanos, socket)) {
            return null;
        }
        try {
            if (multipart.hasMore()) {
                return multipart.next();
            }
            Object m = take();
            if (m == null && timeoutNanos != 0) {
                m = awaitSlowly(timeoutNanos);
            }
            takenFrom = null;
            return m == null ? null : multipart.start(m);
        } finally {
            lock.unlock();
        }
    }

    /** Whether frames of the last message received frame by frame remain. */
    boolean hasMore() {
        Waiters.lock(lock, -1, socket);
        try {
            return multipart.hasMore();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a poller holds a message the application has not received yet. */
    boolean hasPrefetched() {
        return prefetched != null;
    }

    /** The slow path of a receive: nothing was queued. Under the lock. */
    private Object awaitSlowly(long timeoutNanos) {
        Object m;
        long start = System.nanoTime();
        long spin = timeoutNanos < 0 ? INPROC_SPIN_NANOS : Math.min(INPROC_SPIN_NANOS, timeoutNanos);
        if (census.anyInproc()) {
            // An in-process peer is a user thread that may answer within a microsecond: yield
            // for a moment before parking (see INPROC_SPIN_NANOS).
            do {
                Thread.yield();
                m = take();
                if (m != null) {
                    return m;
                }
            } while (System.nanoTime() - start < spin);
        }
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                waiters.receiver(me);
                // Connections that paused at RCVHWM may be waiting for exactly this room.
                resumePaused();
                m = take();
                if (m != null) {
                    return m;
                }
                socket.checkOpen();
                if (!waiters.park(socket, start, timeoutNanos)) {
                    return null;
                }
            }
        } finally {
            waiters.receiver(null);
        }
    }

    /** Resumes the connections paused at RCVHWM that this receive made room for (none: no visit). */
    private void resumePaused() {
        if (!census.anyPaused()) {
            return;
        }
        for (Pipe p : pattern.pipes()) {
            p.maybeResume();
        }
    }

    /**
     * The prefetched message (noting in {@link #takenFrom} the pipe it came from), else the
     * pattern's next one (whose pipe {@code pattern.lastReceivedFrom()} tells); under the lock.
     */
    private Object take() {
        Object m = prefetched;
        if (m != null) {
            prefetched = null;
            takenFrom = prefetchedFrom;
            prefetchedFrom = null;
        } else {
            m = pattern.tryReceive();
        }
        if (m != null && lockStep) {
            // REQ/REP change state on receive without any I/O event: tell pollers (WRITABLE).
            readiness.signal();
        }
        return m;
    }

    /**
     * READABLE: whether a receive would return a message now. Takes the pattern's next message
     * into a one-message slot that the next receive returns first, so the answer is exact for
     * every socket type (a REQ in its send state, a REP waiting for its reply, are not readable).
     *
     * @return 1 readable, 0 not, -1 unknown: another thread holds the receive lock
     */
    int readableNow() {
        if (!pattern.receivable()) {
            return 0;
        }
        if (!lock.tryLock()) {
            return -1;
        }
        try {
            if (multipart.hasMore() || prefetched != null) {
                return 1;
            }
            Object m = pattern.tryReceive();
            if (m == null) {
                // As before parking in receive: a connection paused at RCVHWM may wait for this room.
                resumePaused();
                return 0;
            }
            prefetchedFrom = pattern.lastReceivedFrom();
            prefetched = m;
            return 1;
        } finally {
            lock.unlock();
        }
    }
}
