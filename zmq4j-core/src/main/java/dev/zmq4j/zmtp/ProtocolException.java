package dev.zmq4j.zmtp;

import java.io.IOException;

/**
 * A peer broke the ZMTP protocol or failed the handshake. The connection that raised it must be
 * closed; nothing else is affected.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the offending value and the expectation. */
    public ProtocolException(String message) {
        super(message);
    }
}
