package dev.zmq4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads parked in one socket: in send, in receive, and in close (LINGER). A thread publishes
 * itself, re-checks, then parks; I/O threads and in-process peers unpark it. Thread-safe.
 *
 * <p>An in-process peer signals after every message, so it takes the waiter out (compare-and-set
 * to null) before unparking it: one unpark per park, not one per message. A connection signals
 * once per batch (or per 1,024 messages) and unparks without taking it out: the permit a second
 * signal leaves lets the waiter's next park return at once (an A/B over tcp showed no difference
 * either way). The waiter publishes itself again before each re-check.
 */
final class Waiters {
    private volatile Thread sendWaiter;
    private volatile Thread recvWaiter;
    private static final VarHandle SEND_WAITER;
    private static final VarHandle RECV_WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEND_WAITER = l.findVarHandle(Waiters.class, "sendWaiter", Thread.class);
            RECV_WAITER = l.findVarHandle(Waiters.class, "recvWaiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<Thread> lingering = new CopyOnWriteArrayList<>();

    /** Publishes (or, with {@code null}, withdraws) the thread waiting in send. */
    void sender(Thread t) {
        sendWaiter = t;
    }

    /** Publishes (or, with {@code null}, withdraws) the thread waiting in receive. */
    void receiver(Thread t) {
        recvWaiter = t;
    }

    /** Wakes the thread waiting in receive; {@code once}: take it out first (in-process signals). */
    void wakeReceiver(boolean once) {
        Thread t = recvWaiter;
        if (t != null && (!once || RECV_WAITER.compareAndSet(this, t, null))) {
            LockSupport.unpark(t);
        }
    }

    /** Wakes the thread waiting in send, and any thread lingering in close. */
    void wakeSender(boolean once) {
        Thread t = sendWaiter;
        if (t != null && (!once || SEND_WAITER.compareAndSet(this, t, null))) {
            LockSupport.unpark(t);
        }
        if (!lingering.isEmpty()) {
            lingering.forEach(LockSupport::unpark);
        }
    }

    /** Wakes every waiter (the socket closed, or a pipe came or went). */
    void wakeAll() {
        Thread t = sendWaiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        t = recvWaiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    void lingering(Thread t, boolean on) {
        if (on) {
            lingering.add(t);
        } else {
            lingering.remove(t);
        }
    }

    /**
     * Parks the calling thread in {@code blocker} until it is woken, the timeout (negative = none)
     * runs out from {@code start}, or it is interrupted.
     *
     * @return {@code false} once the timeout has elapsed
     * @throws ZmqException.InterruptedException if the thread was interrupted (its status stays set)
     */
    boolean park(Socket blocker, long start, long timeoutNanos) {
        if (timeoutNanos < 0) {
            LockSupport.park(blocker);
        } else {
            long left = timeoutNanos - (System.nanoTime() - start);
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(blocker, left);
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException(blocker.type() + " socket: interrupted while blocked");
        }
        return true;
    }

    /**
     * Takes {@code lock}, waiting up to {@code timeoutNanos} (negative = forever, 0 = not at all)
     * for another thread's call on {@code socket} to end.
     *
     * @return {@code false} if the time ran out
     * @throws ZmqException.InterruptedException if the thread was interrupted (its status stays set)
     */
    static boolean lock(ReentrantLock lock, long timeoutNanos, Socket socket) {
        try {
            if (timeoutNanos < 0) {
                lock.lockInterruptibly();
                return true;
            }
            return timeoutNanos == 0 ? lock.tryLock() : lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException(socket.type() + " socket: interrupted while waiting for another thread's call");
        }
    }
}
