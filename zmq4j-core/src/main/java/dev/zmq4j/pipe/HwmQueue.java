package dev.zmq4j.pipe;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.QueueProgressIndicators;
import org.jctools.queues.SpscArrayQueue;
import org.jctools.queues.SpscUnboundedArrayQueue;

/**
 * A single-producer single-consumer queue that holds at most {@code limit} messages (the HWM),
 * exactly, whatever the capacity JCTools rounds to.
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
    private final QueueProgressIndicators progress;
    private final long limit;
    private long produced;
    private long producerLimit;

    /** @param hwm the most messages held at once, 0 for no limit */
    HwmQueue(int hwm) {
        if (hwm <= 0) {
            SpscUnboundedArrayQueue<Object> q = new SpscUnboundedArrayQueue<>(UNBOUNDED_CHUNK);
            this.queue = q;
            this.progress = null;
            this.limit = Long.MAX_VALUE;
            this.producerLimit = Long.MAX_VALUE;
        } else {
            SpscArrayQueue<Object> q = new SpscArrayQueue<>(Math.max(hwm, 4));
            this.queue = q;
            this.progress = q;
            this.limit = hwm;
            this.producerLimit = hwm;
        }
    }

    /** Producer: adds a message unless {@code limit} messages are queued. */
    boolean offer(Object message) {
        if (produced >= producerLimit) {
            producerLimit = progress.currentConsumerIndex() + limit;
            if (produced >= producerLimit) {
                return false;
            }
        }
        if (!queue.relaxedOffer(message)) {
            return false;
        }
        produced++;
        return true;
    }

    /** Consumer: takes the next message, or {@code null}. */
    Object poll() {
        return queue.relaxedPoll();
    }

    /** Either side: the number of messages queued (a snapshot). */
    int size() {
        return queue.size();
    }

    /** Either side: whether no message is queued (a snapshot). */
    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The limit, {@link Long#MAX_VALUE} for none. */
    long limit() {
        return limit;
    }
}
