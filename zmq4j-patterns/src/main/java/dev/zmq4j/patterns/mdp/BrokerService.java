package dev.zmq4j.patterns.mdp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * One service of the broker: its queue of requests waiting for a worker and its idle workers,
 * longest idle first (the RFC's "least recently used"). Every request it queues or hands out is
 * also told to the broker's {@link BrokerServices}, which keeps the totals other threads read and
 * the set of services whose queue is not empty.
 *
 * <p>The queue is kept in order of arrival ({@link QueuedRequest#queuedNanos()}): a new request
 * goes behind the others, and a request taken back from a gone worker goes back ahead of every
 * request that arrived after it. The oldest request is therefore always at the head, which lets
 * {@link #expireRequests} stop at the first request that has not expired.
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
    private final BrokerServices owner;
    private long queuedBytes;

    /**
     * @param name  the service's name
     * @param owner the broker's services, told of every request queued and taken
     */
    BrokerService(String name, BrokerServices owner) {
        this.name = name;
        this.owner = owner;
    }

    /** The requests waiting for a worker. */
    int queued() {
        return requests.size();
    }

    /** The bytes of the requests waiting for a worker ({@link QueuedRequest#bytes()}). */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Queues {@code r} behind the others. */
    void queue(QueuedRequest r) {
        requests.addLast(r);
        added(r);
    }

    /**
     * Puts {@code r} (taken back from a gone worker) back in the queue ahead of every request that
     * arrived after it: at the head, unless requests older still were taken back before it.
     */
    void requeue(QueuedRequest r) {
        Deque<QueuedRequest> older = new ArrayDeque<>();
        while (!requests.isEmpty() && requests.peekFirst().queuedNanos() - r.queuedNanos() < 0) {
            older.push(requests.pollFirst());
        }
        requests.addFirst(r);
        while (!older.isEmpty()) {
            requests.addFirst(older.pop());
        }
        added(r);
    }

    /** The request waiting the longest, taken off the queue; {@code null} if none waits. */
    QueuedRequest next() {
        QueuedRequest r = requests.pollFirst();
        if (r != null) {
            taken(r);
        }
        return r;
    }

    /**
     * Drops the requests queued before {@code cutoffNanos}, telling {@code dropped} about each.
     * Looks at the expired requests and at most one more: the queue is in order of arrival.
     */
    void expireRequests(long cutoffNanos, Consumer<QueuedRequest> dropped) {
        QueuedRequest r;
        while ((r = requests.peekFirst()) != null && r.queuedNanos() - cutoffNanos < 0) {
            requests.pollFirst();
            taken(r);
            dropped.accept(r);
        }
    }

    private void added(QueuedRequest r) {
        queuedBytes += r.bytes();
        owner.added(this, r);
    }

    private void taken(QueuedRequest r) {
        queuedBytes -= r.bytes();
        owner.taken(this, r);
    }
}
