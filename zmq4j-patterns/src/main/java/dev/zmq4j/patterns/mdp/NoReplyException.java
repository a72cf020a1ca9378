package dev.zmq4j.patterns.mdp;

import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.List;

/**
 * A Majordomo request got no reply after every try: no broker answered, or the broker had no
 * worker for the service in time. Names the service, the broker endpoints tried and the tries.
 */
public final class NoReplyException extends ZmqException {
    private static final long serialVersionUID = 1L;

    /** The service requested. */
    private final String service;
    /** The broker endpoints the client was given, in the order it tries them. */
    private final List<String> endpoints;
    /** How many times the request was sent. */
    private final int tries;

    NoReplyException(String service, List<String> endpoints, int tries, Duration timeout) {
        super("no reply for service '" + service + "' from " + String.join(", ", endpoints) + " after " + tries
                + " tries (" + timeout.toMillis() + " ms each)");
        this.service = service;
        this.endpoints = List.copyOf(endpoints);
        this.tries = tries;
    }

    /** {@return the service requested} */
    public String service() {
        return service;
    }

    /** {@return the broker endpoints the client was given, in the order it tries them} */
    public List<String> endpoints() {
        return endpoints;
    }

    /** {@return how many times the request was sent} */
    public int tries() {
        return tries;
    }
}
