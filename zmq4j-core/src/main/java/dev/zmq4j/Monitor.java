package dev.zmq4j;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;

/**
 * A stream of one socket's {@link SocketEvent}s, from {@link Socket#monitor(Set)}.
 *
 * <p>Events are queued by the I/O threads in a bounded queue of {@value #CAPACITY} events and
 * never block them: when the queue is full the event is dropped and counted ({@link #dropped()}).
 * After {@link #close()} (or the socket's close) the events already queued are still delivered,
 * then one {@link SocketEvent.Type#MONITOR_STOPPED} (whose value is the dropped count), then
 * {@code null} at once.
 *
 * <p>Thread-safety: may be used from any thread; concurrent readers are serialised.
 */
public final class Monitor implements AutoCloseable {
    /** The most events queued before new ones are dropped. */
    public static final int CAPACITY = 4096;

    private final Telemetry telemetry;
    private final Set<SocketEvent.Type> types;
    private final MpscVarHandleArrayQueue<SocketEvent> queue = new MpscVarHandleArrayQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final ReentrantLock readLock = new ReentrantLock();
    private volatile Thread waiter;
    private volatile boolean stopped;
    private boolean stopDelivered;

    Monitor(Telemetry telemetry, Set<SocketEvent.Type> types) {
        this.telemetry = telemetry;
        this.types = types.isEmpty() ? EnumSet.noneOf(SocketEvent.Type.class) : EnumSet.copyOf(types);
    }

    /** Whether this monitor wants events of {@code type}. */
    boolean wants(SocketEvent.Type type) {
        return !stopped && types.contains(type);
    }

    /** Queues an event; an I/O thread never waits here. */
    void offer(SocketEvent e) {
        if (stopped) {
            return;
        }
        if (!queue.offer(e)) {
            dropped.incrementAndGet();
            return;
        }
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** {@return the next event if one is queued, never waiting; {@code null} if none (or after MONITOR_STOPPED)} */
    public SocketEvent poll() {
        return next(Duration.ZERO);
    }

    /** {@return the next event, waiting for it as long as it takes; {@code null} only after MONITOR_STOPPED} */
    public SocketEvent next() {
        return take(-1);
    }

    /**
     * {@return the next event, waiting at most {@code timeout}; {@code null} if none came (or after MONITOR_STOPPED)}
     *
     * @param timeout the longest wait; a negative one waits as long as it takes
     */
    public SocketEvent next(Duration timeout) {
        return take(timeout.isNegative() ? -1 : timeout.toNanos());
    }

    private SocketEvent take(long timeoutNanos) {
        long start = System.nanoTime();
        try {
            if (timeoutNanos < 0) {
                readLock.lockInterruptibly();
            } else if (!readLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException("monitor: interrupted while waiting for another reader");
        }
        try {
            for (;;) {
                SocketEvent e = queue.poll();
                if (e != null) {
                    return e;
                }
                if (stopped) {
                    // Offers that raced with close() may still land: take them before the last event.
                    e = queue.poll();
                    if (e != null) {
                        return e;
                    }
                    if (stopDelivered) {
                        return null;
                    }
                    stopDelivered = true;
                    return new SocketEvent(SocketEvent.Type.MONITOR_STOPPED, null, null, null, null, dropped.get());
                }
                if (timeoutNanos == 0) {
                    return null;
                }
                waiter = Thread.currentThread();
                try {
                    if (!queue.isEmpty() || stopped) {
                        continue;
                    }
                    if (timeoutNanos < 0) {
                        LockSupport.park(this);
                    } else {
                        long left = timeoutNanos - (System.nanoTime() - start);
                        if (left <= 0) {
                            return null;
                        }
                        LockSupport.parkNanos(this, left);
                    }
                } finally {
                    waiter = null;
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new ZmqException.InterruptedException("monitor: interrupted while waiting for an event");
                }
            }
        } finally {
            readLock.unlock();
        }
    }

    /** {@return the number of events dropped so far because the queue was full} */
    public long dropped() {
        return dropped.get();
    }

    /** {@return whether the monitor was stopped ({@link #close()} or the socket's close)} */
    public boolean isClosed() {
        return stopped;
    }

    /**
     * Stops the monitor: no new events are queued; the queued ones, then MONITOR_STOPPED, are
     * still delivered. Idempotent.
     */
    @Override
    public void close() {
        telemetry.remove(this);
        stop();
    }

    void stop() {
        stopped = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
