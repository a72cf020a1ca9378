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
    /**
     * A client's request was received and admitted (it is then queued, answered by MMI, or both).
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     * @param body    the message's body
     */
    default void requestReceived(Frame client, String service, Message body) {
    }

    /**
     * A request was dropped because {@link ClientAdmission} refused it.
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     */
    default void requestRefused(Frame client, String service) {
    }

    /**
     * A request was sent to a worker.
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     * @param worker  the worker's routing id on the broker's ROUTER
     */
    default void requestDispatched(Frame client, String service, Frame worker) {
    }

    /**
     * A reply was sent to a client (from a worker, or an MMI answer).
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     * @param body    the message's body
     */
    default void replySent(Frame client, String service, Message body) {
    }

    /**
     * A worker registered with READY.
     *
     * @param worker  the worker's routing id on the broker's ROUTER
     * @param service the service's name
     */
    default void workerReady(Frame worker, String service) {
    }

    /**
     * A worker is gone: it sent DISCONNECT, expired, or broke the protocol ({@code why} says which).
     * If it held a request, {@link #requestRequeued} follows.
     *
     * @param worker  the worker's routing id on the broker's ROUTER
     * @param service the service's name
     * @param why     what ended it: DISCONNECT, expiry, or the protocol violation
     */
    default void workerGone(Frame worker, String service, String why) {
    }

    /**
     * The request a gone worker held was put back at the head of its service's queue.
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     */
    default void requestRequeued(Frame client, String service) {
    }

    /**
     * A request was dropped without an answer at one of the broker's bounds ({@code why} says
     * which): it named a service the broker does not know while the broker knew as many services as
     * it may ({@link MajordomoBroker#maxServices(int)}), or a service whose queue held as many
     * requests as it may ({@link MajordomoBroker#maxQueuedRequests(int)}).
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     * @param why     why it was dropped
     */
    default void requestDropped(Frame client, String service, String why) {
    }

    /**
     * A queued request waited longer than the broker's request TTL with no worker for it, and was dropped.
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the service's name
     */
    default void requestExpired(Frame client, String service) {
    }
}
