package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;

/**
 * Decides whether the broker serves a client's request, before anything else is done with it (a
 * Binary Star pair admits requests only on its active broker). A request not admitted is dropped
 * without an answer: the client times out and, given several brokers, tries the next.
 *
 * <p>Called on the broker's loop thread, once per request: it must return quickly and not block.
 */
@FunctionalInterface
public interface ClientAdmission {
    /** Admits every request (the default). */
    ClientAdmission ALL = (client, service) -> true;

    /**
     * Whether to serve this request.
     *
     * @param client  the client's routing id on the broker's ROUTER
     * @param service the requested service (also {@code mmi.*})
     * @return {@code true} to serve it, {@code false} to drop it unanswered
     */
    boolean admit(Frame client, String service);
}
