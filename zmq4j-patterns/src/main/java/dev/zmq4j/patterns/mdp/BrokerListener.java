package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;

/**
 * Told what a {@link MajordomoBroker} does, for a verbose log or a test. Every method has an empty
 * default; implement those you need.
 *
 * <p>Called on the broker's loop thread: methods must return quickly and not block. An exception
 * thrown here is logged and otherwise ignored.
 */
public interface BrokerListener {
    /** A client's request was received and admitted (it is then queued, answered by MMI, or both). */
    default void requestReceived(Frame client, String service, Message body) {
    }

    /** A request was dropped because {@link ClientAdmission} refused it. */
    default void requestRefused(Frame client, String service) {
    }

    /** A request was sent to a worker. */
    default void requestDispatched(Frame client, String service, Frame worker) {
    }

    /** A reply was sent to a client (from a worker, or an MMI answer). */
    default void replySent(Frame client, String service, Message body) {
    }

    /** A worker registered with READY. */
    default void workerReady(Frame worker, String service) {
    }

    /**
     * A worker is gone: it sent DISCONNECT, expired, or broke the protocol ({@code why} says which).
     * If it held a request, {@link #requestRequeued} follows.
     */
    default void workerGone(Frame worker, String service, String why) {
    }

    /** The request a gone worker held was put back at the head of its service's queue. */
    default void requestRequeued(Frame client, String service) {
    }

    /**
     * A request was dropped without an answer: it named a service the broker does not know while
     * the broker knew as many services as it may ({@code why} says so).
     */
    default void requestDropped(Frame client, String service, String why) {
    }

    /** A queued request waited longer than the broker's request TTL with no worker for it, and was dropped. */
    default void requestExpired(Frame client, String service) {
    }
}
