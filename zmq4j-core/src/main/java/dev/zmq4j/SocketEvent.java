package dev.zmq4j;

import dev.zmq4j.transport.TransportEvent;
import java.util.Arrays;

/**
 * One event of a socket's life, as delivered by a {@link Monitor}: libzmq's
 * {@code zmq_socket_monitor} events, typed.
 *
 * @param type          what happened
 * @param endpoint      the endpoint concerned (as bound, with its actual port, or as connected);
 *                      {@code null} for {@link Type#MONITOR_STOPPED}
 * @param remoteAddress the peer's address, e.g. {@code tcp://127.0.0.1:41234}, or {@code null}
 * @param routingId     the peer's routing id (its READY Identity), or {@code null} where none
 * @param reason        why (for failures and disconnections), or {@code null}
 * @param value         {@link Type#CONNECT_RETRIED}: the delay before the retry in milliseconds;
 *                      {@link Type#MONITOR_STOPPED}: the number of events dropped because the
 *                      monitor's queue was full; {@link Type#HANDSHAKE_FAILED_AUTH}: the
 *                      status code (ZAP's 300, 400 or 500), as libzmq; otherwise 0
 */
public record SocketEvent(Type type, String endpoint, String remoteAddress, byte[] routingId, String reason, long value) {
    /** The kinds of event, with libzmq's names (without ZMQ_EVENT_) and meanings. */
    public enum Type {
        /** The socket is bound to {@code endpoint} and accepts connections (ZMQ_EVENT_LISTENING). */
        LISTENING,
        /** A bind to {@code endpoint} failed; {@code reason} says why (ZMQ_EVENT_BIND_FAILED). */
        BIND_FAILED,
        /** A connection from {@code remoteAddress} was accepted on {@code endpoint} (ZMQ_EVENT_ACCEPTED). */
        ACCEPTED,
        /** Accepting a connection failed (ZMQ_EVENT_ACCEPT_FAILED). */
        ACCEPT_FAILED,
        /** A connect to {@code endpoint} succeeded at the transport level (ZMQ_EVENT_CONNECTED). */
        CONNECTED,
        /** A connect to {@code endpoint} is in progress (ZMQ_EVENT_CONNECT_DELAYED). */
        CONNECT_DELAYED,
        /**
         * A connect to {@code endpoint} failed, or its connection was lost, and will be retried after
         * {@code value} milliseconds (ZMQ_EVENT_CONNECT_RETRIED).
         */
        CONNECT_RETRIED,
        /** A listener or a connection was closed by this socket: unbind, disconnect, close (ZMQ_EVENT_CLOSED). */
        CLOSED,
        /**
         * A connection ended other than by this socket's will: the peer closed it or reset it, broke
         * the protocol, or went silent past the heartbeat timeout; {@code reason} says which
         * (ZMQ_EVENT_DISCONNECTED).
         */
        DISCONNECTED,
        /** The ZMTP handshake with the peer completed (ZMQ_EVENT_HANDSHAKE_SUCCEEDED). */
        HANDSHAKE_SUCCEEDED,
        /** The handshake ended without a protocol reason, e.g. the peer went away (ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL). */
        HANDSHAKE_FAILED_NO_DETAIL,
        /** The peer broke the protocol during the handshake; {@code reason} says how (ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL). */
        HANDSHAKE_FAILED_PROTOCOL,
        /**
         * The security mechanism refused the peer, or the peer refused us (ZMQ_EVENT_HANDSHAKE_FAILED_AUTH);
         * {@code value} is the status code.
         */
        HANDSHAKE_FAILED_AUTH,
        /** The monitor stopped; always the last event it delivers (ZMQ_EVENT_MONITOR_STOPPED). */
        MONITOR_STOPPED;

        private static final Type[] BY_TRANSPORT = new Type[TransportEvent.values().length];

        static {
            for (TransportEvent e : TransportEvent.values()) {
                BY_TRANSPORT[e.ordinal()] = valueOf(e.name());
            }
        }

        static Type of(TransportEvent e) {
            return BY_TRANSPORT[e.ordinal()];
        }
    }

    /**
     * Creates an event; the routing id is copied in, so the event stays immutable.
     *
     * @param type          what happened
     * @param endpoint      the endpoint concerned, or {@code null}
     * @param remoteAddress the peer's address, or {@code null}
     * @param routingId     the peer's routing id, or {@code null}
     * @param reason        why, or {@code null}
     * @param value         the event's number (see the class), or 0
     */
    public SocketEvent {
        routingId = routingId == null ? null : routingId.clone();
    }

    /** {@return a copy of the peer's routing id, or {@code null}} */
    @Override
    public byte[] routingId() {
        return routingId == null ? null : routingId.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketEvent e && type == e.type && value == e.value
                && java.util.Objects.equals(endpoint, e.endpoint) && java.util.Objects.equals(remoteAddress, e.remoteAddress)
                && Arrays.equals(routingId, e.routingId) && java.util.Objects.equals(reason, e.reason);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, endpoint, remoteAddress, Arrays.hashCode(routingId), reason, value);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type.name());
        if (endpoint != null) {
            b.append(' ').append(endpoint);
        }
        if (remoteAddress != null) {
            b.append(" peer ").append(remoteAddress);
        }
        if (routingId != null) {
            b.append(" id ").append(java.util.HexFormat.of().formatHex(routingId));
        }
        if (reason != null) {
            b.append(": ").append(reason);
        }
        if (value != 0) {
            b.append(" (").append(value).append(')');
        }
        return b.toString();
    }
}
