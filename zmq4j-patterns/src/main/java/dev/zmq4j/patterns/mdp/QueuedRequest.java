package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;

/**
 * A client's request as the broker keeps it until a worker replies: who asked, for what, and
 * since when it waits. Immutable.
 *
 * @param client      the client's routing id on the broker's ROUTER
 * @param service     the service's name
 * @param body        the request body (one frame or more)
 * @param queuedNanos {@link System#nanoTime()} when it was first queued
 */
record QueuedRequest(Frame client, String service, Message body, long queuedNanos) {
    /** {@return the bytes of the request's body frames, what it counts against a queue's byte bound} */
    long bytes() {
        return body.byteSize();
    }
}
