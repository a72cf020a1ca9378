package dev.zmq4j.patterns.mdp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The services a broker knows, by name, bounded: a service is kept only while it has a worker or
 * a request waiting, and clients may not make the broker know more than a limit. A client naming
 * a new service every request (by mistake, or to grow the broker's memory) therefore costs at most
 * {@code limit} entries, each gone once its requests expired. Each service's queue is bounded too
 * ({@link #queueLimit()}), the broker refusing a request for a full one; this class keeps the
 * limit and the count of requests queued in all services.
 *
 * <p>Workers are not limited here: a worker's service exists as long as the worker, and the
 * number of workers is bounded by the broker's connections (one READY per routing id).
 *
 * <p>Not thread-safe: owned by the broker's loop; {@link #size()}, {@link #queued()} and the
 * limits may be read and set from any thread.
 */
final class BrokerServices {
    private final Map<String, BrokerService> byName = new HashMap<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile int size;
    private volatile int limit;
    private volatile int queueLimit;

    BrokerServices(int limit, int queueLimit) {
        this.limit = limit;
        this.queueLimit = queueLimit;
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
        BrokerService s = new BrokerService(name, queued);
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
     * then forgets the services left with neither a worker nor a request.
     */
    void expire(long cutoffNanos, Consumer<QueuedRequest> expired) {
        for (Iterator<BrokerService> it = byName.values().iterator(); it.hasNext();) {
            BrokerService s = it.next();
            s.expireRequests(cutoffNanos, expired);
            if (s.workers == 0 && s.queued() == 0) {
                it.remove();
            }
        }
        size = byName.size();
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

    /** The most requests a service's queue may hold before new ones are refused. Any thread. */
    int queueLimit() {
        return queueLimit;
    }

    /** Sets {@link #queueLimit()}; requests queued beyond it stay queued. Any thread. */
    void queueLimit(int queueLimit) {
        this.queueLimit = queueLimit;
    }
}
