package dev.zmq4j.patterns.mdp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link MajordomoBroker} counts as it routes, for its public counters
 * ({@link MajordomoBroker#requestsReceived()} ...). Thread-safe: written by the broker's loop,
 * read from any thread.
 */
final class BrokerCounters {
    /** Client requests received and admitted, MMI ones included. */
    final AtomicLong requestsReceived = new AtomicLong();
    /** Client requests the {@link ClientAdmission} refused. */
    final AtomicLong requestsRefused = new AtomicLong();
    /** Replies sent to clients, MMI answers included. */
    final AtomicLong repliesSent = new AtomicLong();
    /** Requests put back in their queue because the worker holding them was gone. */
    final AtomicLong requestsRequeued = new AtomicLong();
    /** Workers forgotten because they were silent for the heartbeat's expiry. */
    final AtomicLong workersExpired = new AtomicLong();
    /** The workers registered now. */
    volatile int workers;
}
