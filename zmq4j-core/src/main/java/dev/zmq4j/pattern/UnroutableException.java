package dev.zmq4j.pattern;

/**
 * A ROUTER with ROUTER_MANDATORY was given a routing id that no peer has; the socket turns it into
 * the API's HostUnreachableException.
 */
public final class UnroutableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnroutableException(String message) {
        super(message, null, false, false);
    }
}
