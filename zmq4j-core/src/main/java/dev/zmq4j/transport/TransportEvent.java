package dev.zmq4j.transport;

/**
 * What a transport reports to its socket's monitors (see {@link SocketPort#event}); the public
 * {@code dev.zmq4j.SocketEvent.Type} has the same constants in the same order.
 */
public enum TransportEvent {
    /** Bound: the endpoint accepts connections. */
    LISTENING,
    /** A bind failed; the reason says why. */
    BIND_FAILED,
    /** A connection was accepted on a bound endpoint. */
    ACCEPTED,
    /** Accepting a connection failed. */
    ACCEPT_FAILED,
    /** A connect succeeded at the tcp level. */
    CONNECTED,
    /** A connect is in progress. */
    CONNECT_DELAYED,
    /** A connect (or a dropped connection) will be retried after {@code value} milliseconds. */
    CONNECT_RETRIED,
    /** A listener or connection was closed by this socket. */
    CLOSED,
    /** An established connection was lost (peer closed, reset, protocol error, heartbeat timeout). */
    DISCONNECTED,
    /** The ZMTP handshake completed. */
    HANDSHAKE_SUCCEEDED,
    /** The handshake ended without a protocol reason (the peer went away). */
    HANDSHAKE_FAILED_NO_DETAIL,
    /** The peer broke the protocol during the handshake; the reason says how. */
    HANDSHAKE_FAILED_PROTOCOL,
    /** The security mechanism refused the peer. */
    HANDSHAKE_FAILED_AUTH,
    /** The monitor stopped; always its last event. */
    MONITOR_STOPPED
}
