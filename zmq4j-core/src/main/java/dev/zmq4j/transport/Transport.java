package dev.zmq4j.transport;

import java.net.BindException;

/**
 * A transport: everything about one endpoint scheme ({@code tcp}, {@code ipc}, {@code inproc};
 * {@code ws} later). It owns the parsing of its addresses, bind, connect and their undoing; the
 * socket above never branches on the scheme. Registered in a context's {@link Transports}.
 *
 * <p>Thread-safety: implementations are thread-safe; bind and connect run on the caller's thread
 * (bind synchronously, connect starting its work in the background).
 */
public interface Transport {
    /** The scheme this transport serves, e.g. {@code tcp}. */
    String scheme();

    /**
     * Checks an address (the part after {@code scheme://}) without using it.
     *
     * @param bind whether the address is for a bind (which allows wildcards)
     * @throws IllegalArgumentException if it is malformed; the message names the address and the
     *                                  expected form
     */
    void validate(String address, boolean bind);

    /**
     * Binds {@code socket} to {@code address}.
     *
     * @return the binding, whose endpoint has the actual address (e.g. the ephemeral port)
     * @throws IllegalArgumentException if the address is malformed
     * @throws BindException            if the address is in use or cannot be bound
     */
    Binding bind(String address, SocketPort socket) throws BindException;

    /**
     * Connects {@code socket} to {@code address}: returns at once; the connection is made (and
     * re-made) in the background, and messages queue for it meanwhile.
     *
     * @param assignedId the routing id this socket gives the peer (CONNECT_ROUTING_ID), or empty
     *                   to use the peer's own
     * @throws IllegalArgumentException if the address is malformed
     * @throws IllegalStateException    if the peer is known at once to be incompatible (inproc)
     */
    Link connect(String address, SocketPort socket, byte[] assignedId);

    /** A bound endpoint. */
    interface Binding {
        /** The bound endpoint as the application sees it, e.g. {@code tcp://127.0.0.1:41234}. */
        String endpoint();

        /**
         * Stops accepting and closes what was accepted, each connection once its written bytes
         * are flushed or after {@code graceMillis} (negative = no bound).
         */
        void close(long graceMillis);
    }

    /** A connected endpoint. */
    interface Link {
        /**
         * Stops reconnecting, ends the pipe and closes the connection once its written bytes are
         * flushed or after {@code graceMillis} (negative = no bound).
         */
        void close(long graceMillis);
    }
}
