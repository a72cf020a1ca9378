package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;

/**
 * A worker as the broker knows it: its routing id, its service, when it expires unless heard
 * from, and the request it is working on ({@code null} when idle), kept so that a worker that dies
 * mid-request does not lose it. Not thread-safe: owned by the broker's loop.
 */
final class BrokerWorker {
    final Frame identity;
    final BrokerService service;
    long expiryNanos;
    QueuedRequest current;

    BrokerWorker(Frame identity, BrokerService service, long expiryNanos) {
        this.identity = identity;
        this.service = service;
        this.expiryNanos = expiryNanos;
    }
}
