package dev.zmq4j.patterns.mdp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * One service of the broker: its queue of requests waiting for a worker and its idle workers,
 * longest idle first (the RFC's "least recently used"). Not thread-safe: owned by the broker's loop.
 */
final class BrokerService {
    final String name;
    final Deque<QueuedRequest> requests = new ArrayDeque<>();
    final Deque<BrokerWorker> idle = new ArrayDeque<>();
    int workers;

    BrokerService(String name) {
        this.name = name;
    }

    /** Drops the requests queued before {@code cutoffNanos}, telling {@code dropped} about each. */
    void expireRequests(long cutoffNanos, Consumer<QueuedRequest> dropped) {
        for (Iterator<QueuedRequest> it = requests.iterator(); it.hasNext();) {
            QueuedRequest r = it.next();
            if (r.queuedNanos() - cutoffNanos < 0) {
                it.remove();
                dropped.accept(r);
            }
        }
    }
}
