package dev.zmq4j.patterns.mdp;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client requests a broker drops at its bounds, counted, logged and described: a request
 * naming a service the broker does not know while it knows {@code maxServices} of them, a
 * request for a service whose queue already holds {@code maxQueuedRequests}, and a request that
 * would take the bytes queued for its service (no worker being idle) over {@code maxQueuedBytes}.
 *
 * <p>The first drop of a burst is logged at WARN, the others at DEBUG, so that a client sending in
 * a loop cannot flood the log. The service-limit burst ends when a request is next accepted with
 * the broker below its limit. A queue's burst ends when a request is next accepted for that
 * service with its queue at most half full, in requests and in bytes: a queue hovering at its limit (a slot freed by each
 * dispatch, refilled by the next request) warns once, not once per dispatch.
 *
 * <p>Logs as {@link MajordomoBroker}. Not thread-safe: owned by the broker's loop; {@link #count()}
 * may be read from any thread.
 */
final class BrokerDrops {
    private static final Logger log = LoggerFactory.getLogger(MajordomoBroker.class);

    private final AtomicLong count = new AtomicLong();
    /** Whether the last request for a new service was dropped at the limit. */
    private boolean atServiceLimit;

    /**
     * Whether a client's request is dropped at a bound: if so, it is counted and logged and the
     * reason returned; if not, the bursts of drops it shows to be over end.
     *
     * @param services the broker's services
     * @param s        the service the request names, {@code null} if the broker may not know it
     *                 ({@link BrokerServices#forRequest})
     * @param service  the service's name
     * @param bytes    the bytes of the request's body
     * @return why the request is dropped, for the listener; {@code null} if it may be queued
     */
    String dropReason(BrokerServices services, BrokerService s, String service, long bytes) {
        if (s == null) {
            return droppedAtServiceLimit(services, service);
        }
        int queueLimit = services.queueLimit();
        long byteLimit = services.queueByteLimit();
        // A full queue means no idle worker: dispatch leaves requests queued only while none is idle.
        if (s.queued() >= queueLimit) {
            return droppedQueueFull(s, s.queued() + " requests waiting for a worker (expected: < " + queueLimit
                    + ", maxQueuedRequests)");
        }
        // With a worker idle the request is not held: it goes to that worker at once.
        if (s.idle.isEmpty() && s.queuedBytes() + bytes > byteLimit) {
            return droppedQueueFull(s, s.queuedBytes() + " bytes waiting for a worker and " + bytes + " more (expected: <= "
                    + byteLimit + " in all, maxQueuedBytes)");
        }
        atServiceLimit &= services.size() >= services.limit();
        s.dropping &= s.queued() > queueLimit / 2 || s.queuedBytes() > byteLimit / 2;
        return null;
    }

    private String droppedAtServiceLimit(BrokerServices services, String service) {
        count.incrementAndGet();
        String why = "the broker knows " + services.size() + " services (expected: <= " + services.limit()
                + ", maxServices) and none is " + service;
        if (!atServiceLimit) {
            atServiceLimit = true;
            log.warn("broker: request dropped: {}; requests for unknown services are dropped until one is forgotten"
                    + " (a service with neither workers nor waiting requests)", why);
        } else {
            log.debug("broker: request dropped: {}", why);
        }
        return why;
    }

    private String droppedQueueFull(BrokerService s, String bound) {
        count.incrementAndGet();
        String why = "service " + s.name + ": " + bound;
        if (!s.dropping) {
            s.dropping = true;
            log.warn("broker: request dropped: {}; new requests for {} are dropped while its queue is full (those queued"
                    + " keep their place; logged again once it has drained to half)", why, s.name);
        } else {
            log.debug("broker: request dropped: {}", why);
        }
        return why;
    }

    /** {@return the requests dropped at either bound so far} Any thread. */
    long count() {
        return count.get();
    }
}
