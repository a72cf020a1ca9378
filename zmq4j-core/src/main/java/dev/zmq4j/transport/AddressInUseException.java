package dev.zmq4j.transport;

import java.net.BindException;

/** A bind failed because the address is taken (EADDRINUSE), as opposed to any other bind failure. */
public final class AddressInUseException extends BindException {
    private static final long serialVersionUID = 1L;

    /** @param message names the address */
    public AddressInUseException(String message) {
        super(message);
    }
}
