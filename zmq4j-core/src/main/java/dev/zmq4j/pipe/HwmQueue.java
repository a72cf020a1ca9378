package dev.zmq4j.pipe;

import java.util.concurrent.atomic.AtomicReference;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.QueueProgressIndicators;
import org.jctools.queues.varhandle.SpscUnboundedVarHandleArrayQueue;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;

/**
 * A single-producer single-consumer queue that holds at most {@code limit} messages (the HWM),
 * exactly, whatever the capacity JCTools rounds to. The storage is one of JCTools' VarHandle queues,
 * which need no {@code sun.misc.Unsafe} (whose memory access JDK 24 and later warn about).
 *
 * <p>The producer checks the limit against a cached bound and reads the consumer's index only when
 * that bound is reached, so a producer running ahead of its limit does not touch the consumer's
 * cache line on every message.
 *
 * <p>Thread-safety: one producer thread at a time (or producers serialised by a lock), one consumer
 * thread at a time.
 */
final class HwmQueue {
    private static final int UNBOUNDED_CHUNK = 1024;

    private final MessagePassingQueue<Object> queue;
    /** CONFLATE: the one message held, replaced by each offer; {@code null} for a normal queue. */
    private final AtomicReference<Object> slot;
    private final QueueProgressIndicators progress;
    private final int hwm;
    /** Whether {@link #combine} may still raise the limit (an in-process queue whose peer is not known yet). */
    private final boolean adjustable;
    private volatile long limit;
    /**
     * The producer's counters: messages offered ({@link #PRODUCED}) and its cached bound
     * ({@link #PRODUCER_LIMIT}), written on every offer. They sit in the middle of an array of their
     * own, so no cache line they share holds anything the consumer reads on every poll (this
     * object's fields, the queue's); sharing one cost a cache-line transfer per message.
     */
    private final long[] producer = new long[2 * PAD + 2];
    private static final int PAD = 8;
    private static final int PRODUCED = PAD;
    private static final int PRODUCER_LIMIT = PAD + 1;

    /** @param hwm the most messages held at once, 0 for no limit */
    HwmQueue(int hwm) {
        this.hwm = hwm;
        this.adjustable = false;
        this.slot = null;
        if (hwm <= 0) {
            SpscUnboundedVarHandleArrayQueue<Object> q = new SpscUnboundedVarHandleArrayQueue<>(UNBOUNDED_CHUNK);
            this.queue = q;
            this.progress = q;
            this.limit = Long.MAX_VALUE;
            this.producer[PRODUCER_LIMIT] = Long.MAX_VALUE;
        } else {
            SpscVarHandleArrayQueue<Object> q = new SpscVarHandleArrayQueue<>(Math.max(hwm, 4));
            this.queue = q;
            this.progress = q;
            this.limit = hwm;
            this.producer[PRODUCER_LIMIT] = hwm;
        }
    }

    /**
     * An in-process queue: unbounded storage (chunks of {@value #UNBOUNDED_CHUNK}) under a limit
     * that {@link #combine} may raise later, when the peer's HWM becomes known.
     *
     * @param hwm this side's HWM, 0 for none
     */
    private HwmQueue(int hwm, boolean adjustable) {
        SpscUnboundedVarHandleArrayQueue<Object> q = new SpscUnboundedVarHandleArrayQueue<>(UNBOUNDED_CHUNK);
        this.hwm = hwm;
        this.adjustable = adjustable;
        this.slot = null;
        this.queue = q;
        this.progress = q;
        this.limit = hwm <= 0 ? Long.MAX_VALUE : hwm;
        this.producer[PRODUCER_LIMIT] = this.limit;
    }

    private HwmQueue() {
        this.hwm = 1;
        this.adjustable = false;
        this.slot = new AtomicReference<>();
        this.queue = null;
        this.progress = null;
        this.limit = 1;
        this.producer[PRODUCER_LIMIT] = Long.MAX_VALUE;
    }

    /** A CONFLATE queue: it holds the last message offered; an offer never fails. */
    static HwmQueue conflating() {
        return new HwmQueue();
    }

    /** An in-process queue whose limit is {@code hwm} (0 = none) until {@link #combine} raises it. */
    static HwmQueue adjustable(int hwm) {
        return new HwmQueue(hwm, true);
    }

    /**
     * Sets the limit of an {@link #adjustable} queue to its own HWM plus the peer's, or none if
     * either is 0 (libzmq's rule for inproc pipes). Any thread; the producer sees the new limit
     * when it next reaches its cached bound.
     */
    void combine(int peerHwm) {
        if (!adjustable) {
            return;
        }
        limit = hwm <= 0 || peerHwm <= 0 ? Long.MAX_VALUE : (long) hwm + peerHwm;
    }

    /**
     * An in-process queue whose peer's HWM is known at creation: preallocated and bounded at
     * {@code hwm + peerHwm} like a connection's pipe (no chunk allocated as messages pass), or
     * unbounded if either is 0. {@link #combine} leaves it as it is.
     */
    static HwmQueue combined(int hwm, int peerHwm) {
        return new HwmQueue(hwm <= 0 || peerHwm <= 0 ? 0 : hwm + peerHwm);
    }

    /** Producer: adds a message unless {@code limit} messages are queued. */
    boolean offer(Object message) {
        if (slot != null) {
            slot.set(message);
            return true;
        }
        long[] p = producer;
        long produced = p[PRODUCED];
        if (produced >= p[PRODUCER_LIMIT]) {
            long l = limit;
            long bound = l == Long.MAX_VALUE ? l : progress.currentConsumerIndex() + l;
            p[PRODUCER_LIMIT] = bound;
            if (produced >= bound) {
                return false;
            }
        }
        if (!queue.relaxedOffer(message)) {
            return false;
        }
        p[PRODUCED] = produced + 1;
        return true;
    }

    /**
     * Producer: how many messages it has offered so far; after a successful {@link #offer}, that
     * message's number (1 for the first). 0 for a conflating queue.
     */
    long offered() {
        return producer[PRODUCED];
    }

    /** How many messages a queue was ever offered, and how many of them it still holds. */
    record Count(long offered, long queued) {
    }

    /**
     * Any thread: how many messages were ever offered and how many of them are still queued, both
     * read at one moment of the producer's count (a conflating queue: 0 and what it holds).
     */
    Count offeredAndQueued() {
        if (progress == null) {
            return new Count(0, size());
        }
        long in = progress.currentProducerIndex();
        return new Count(in, Math.max(0, in - progress.currentConsumerIndex()));
    }

    /** Consumer: takes the next message, or {@code null}. */
    Object poll() {
        return slot != null ? slot.getAndSet(null) : queue.relaxedPoll();
    }

    /** Either side: the number of messages queued (a snapshot). */
    int size() {
        return slot != null ? (slot.get() != null ? 1 : 0) : queue.size();
    }

    /** Either side: whether no message is queued (a snapshot). */
    boolean isEmpty() {
        return slot != null ? slot.get() == null : queue.isEmpty();
    }

    /** Either side: whether an offer now would succeed (a snapshot); a conflating queue always has room. */
    boolean hasRoom() {
        return slot != null || queue.size() < limit;
    }

    /** The limit, {@link Long#MAX_VALUE} for none. */
    long limit() {
        return limit;
    }
}
