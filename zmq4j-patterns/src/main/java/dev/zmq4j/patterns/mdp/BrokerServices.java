package dev.zmq4j.patterns.mdp;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The services a broker knows, by name, bounded: a service is kept only while it has a worker or
 * a request waiting, and clients may not make the broker know more than a limit. A client naming
 * a new service every request (by mistake, or to grow the broker's memory) therefore costs at most
 * {@code limit} entries, each gone once its requests expired. Each service's queue is bounded too,
 * in requests ({@link #queueLimit()}) and in bytes ({@link #queueByteLimit()}), the broker
 * refusing a request for a full one; this class keeps the limits and the totals of requests and
 * bytes queued in all services.
 *
 * <p>It also keeps the services whose queue is not empty, so that {@link #expire} visits those
 * only: a heartbeat tick costs the services holding requests plus the requests that expire, not
 * the number of services known (workers' services with empty queues are not visited).
 *
 * <p>Workers are not limited here: a worker's service exists as long as the worker, and the
 * number of workers is bounded by the broker's connections (one READY per routing id).
 *
 * <p>Not thread-safe: owned by the broker's loop; {@link #size()}, {@link #queued()},
 * {@link #queuedBytes()} and the limits may be read and set from any thread.
 */
final class BrokerServices {
    private final Map<String, BrokerService> byName = new HashMap<>();
    /** The services with at least one request queued, in the order their queue last became non-empty. */
    private final Set<BrokerService> waiting = new LinkedHashSet<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private long queuesVisited;
    private volatile int size;
    private volatile int limit;
    private volatile int queueLimit;
    private volatile long queueByteLimit;

    BrokerServices(int limit, int queueLimit, long queueByteLimit) {
        this.limit = limit;
        this.queueLimit = queueLimit;
        this.queueByteLimit = queueByteLimit;
    }

    /** The service named {@code name}, or {@code null} if the broker does not know it. */
    BrokerService find(String name) {
        return byName.get(name);
    }

    /**
     * The service a client's request names, created if needed; {@code null} if it is unknown and
     * the broker already knows {@link #limit()} services (the request is then to be dropped).
     */
    BrokerService forRequest(String name) {
        BrokerService s = byName.get(name);
        if (s != null) {
            return s;
        }
        if (byName.size() >= limit) {
            return null;
        }
        return create(name);
    }

    /** The service a worker registers for, created if needed, whatever the limit. */
    BrokerService forWorker(String name) {
        BrokerService s = byName.get(name);
        return s != null ? s : create(name);
    }

    private BrokerService create(String name) {
        BrokerService s = new BrokerService(name, this);
        byName.put(name, s);
        size = byName.size();
        return s;
    }

    /** Forgets {@code s} if it has no worker and no request waiting. */
    void forgetIfIdle(BrokerService s) {
        if (s.workers == 0 && s.queued() == 0 && byName.remove(s.name, s)) {
            size = byName.size();
        }
    }

    /**
     * Drops the requests queued before {@code cutoffNanos} (telling {@code expired} about each),
     * then forgets the services left with neither a worker nor a request. Visits only the services
     * with requests queued, and in each stops at the first request that has not expired.
     */
    void expire(long cutoffNanos, Consumer<QueuedRequest> expired) {
        for (BrokerService s : waiting.toArray(new BrokerService[0])) {
            queuesVisited++;
            s.expireRequests(cutoffNanos, expired);
            forgetIfIdle(s);
        }
    }

    /** Told by {@code s} that it queued {@code r}. */
    void added(BrokerService s, QueuedRequest r) {
        if (s.queued() == 1) {
            waiting.add(s);
        }
        queued.incrementAndGet();
        queuedBytes.addAndGet(r.bytes());
    }

    /** Told by {@code s} that {@code r} left its queue (dispatched or expired). */
    void taken(BrokerService s, QueuedRequest r) {
        if (s.queued() == 0) {
            waiting.remove(s);
        }
        queued.decrementAndGet();
        queuedBytes.addAndGet(-r.bytes());
    }

    /** The queues {@link #expire} looked at so far (one per service with requests, per call). Loop thread. */
    long queuesVisited() {
        return queuesVisited;
    }

    /** The number of services known now. Any thread. */
    int size() {
        return size;
    }

    /** The most services clients' requests may make the broker know. Any thread. */
    int limit() {
        return limit;
    }

    /** Sets {@link #limit()}; services known beyond it stay until they are idle. Any thread. */
    void limit(int limit) {
        this.limit = limit;
    }

    /** The requests waiting for a worker now, in all services. Any thread. */
    int queued() {
        return queued.get();
    }

    /** The bytes of the requests waiting for a worker now, in all services. Any thread. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    /** The most requests a service's queue may hold before new ones are refused. Any thread. */
    int queueLimit() {
        return queueLimit;
    }

    /** Sets {@link #queueLimit()}; requests queued beyond it stay queued. Any thread. */
    void queueLimit(int queueLimit) {
        this.queueLimit = queueLimit;
    }

    /** The most bytes of requests a service's queue may hold; a request taking it over is refused. Any thread. */
    long queueByteLimit() {
        return queueByteLimit;
    }

    /** Sets {@link #queueByteLimit()}; requests queued beyond it stay queued. Any thread. */
    void queueByteLimit(long queueByteLimit) {
        this.queueByteLimit = queueByteLimit;
    }
}
