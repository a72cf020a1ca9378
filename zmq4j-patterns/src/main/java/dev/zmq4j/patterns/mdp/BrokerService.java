package dev.zmq4j.patterns.mdp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One service of the broker: its queue of requests waiting for a worker and its idle workers,
 * longest idle first (the RFC's "least recently used"). Every request it queues or hands out is
 * also counted in the broker's total of queued requests, which other threads may read.
 *
 * <p>Not thread-safe: owned by the broker's loop.
 */
final class BrokerService {
    final String name;
    final Deque<BrokerWorker> idle = new ArrayDeque<>();
    int workers;
    /** Whether a request was dropped because the queue was full, and the queue has not drained to half since. */
    boolean dropping;
    private final Deque<QueuedRequest> requests = new ArrayDeque<>();
    private final AtomicInteger queuedInAll;

    /**
     * @param name        the service's name
     * @param queuedInAll the broker's count of requests queued in all its services
     */
    BrokerService(String name, AtomicInteger queuedInAll) {
        this.name = name;
        this.queuedInAll = queuedInAll;
    }

    /** The requests waiting for a worker. */
    int queued() {
        return requests.size();
    }

    /** Queues {@code r} behind the others. */
    void queue(QueuedRequest r) {
        requests.addLast(r);
        queuedInAll.incrementAndGet();
    }

    /** Puts {@code r} (taken back from a gone worker) at the head, to be served next. */
    void requeue(QueuedRequest r) {
        requests.addFirst(r);
        queuedInAll.incrementAndGet();
    }

    /** The request waiting the longest, taken off the queue; {@code null} if none waits. */
    QueuedRequest next() {
        QueuedRequest r = requests.pollFirst();
        if (r != null) {
            queuedInAll.decrementAndGet();
        }
        return r;
    }

    /** Drops the requests queued before {@code cutoffNanos}, telling {@code dropped} about each. */
    void expireRequests(long cutoffNanos, Consumer<QueuedRequest> dropped) {
        for (Iterator<QueuedRequest> it = requests.iterator(); it.hasNext();) {
            QueuedRequest r = it.next();
            if (r.queuedNanos() - cutoffNanos < 0) {
                it.remove();
                queuedInAll.decrementAndGet();
                dropped.accept(r);
            }
        }
    }
}
