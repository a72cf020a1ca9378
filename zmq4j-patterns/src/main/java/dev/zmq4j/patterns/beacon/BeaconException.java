package dev.zmq4j.patterns.beacon;

import dev.zmq4j.ZmqException;

/**
 * The network refused what a {@link Beacon} was configured to do: the interface does not exist
 * on this host, the port cannot be bound, the multicast group cannot be joined, or the first
 * beacon cannot be sent (no route to the address: "Network is unreachable", "Invalid argument").
 * The message names the beacon's port, address and interface and the system's reason.
 * Malformed settings (a payload over 255 bytes, a negative interval) throw
 * {@link IllegalArgumentException} instead.
 */
public final class BeaconException extends ZmqException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the beacon's port, address and interface, and what failed
     * @param cause   the system's failure
     */
    public BeaconException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message the beacon's port, address and interface, and what failed
     */
    public BeaconException(String message) {
        super(message);
    }
}
