package dev.zmq4j.transport;

import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;

/**
 * A socket's options as a transport uses them, read once when a connection (or a bind, or a
 * connect) is set up; never on the message path. Immutable.
 *
 * @param sndhwm              SNDHWM (0 = none)
 * @param rcvhwm              RCVHWM (0 = none)
 * @param conflate            CONFLATE
 * @param maxMessageSize      MAXMSGSIZE (-1 = none)
 * @param routingId           ROUTING_ID (empty if unset)
 * @param localMetadata       what our READY carries (Socket-Type, Identity where the type sends
 *                            one, METADATA's application properties)
 * @param reconnectIvlMillis  RECONNECT_IVL (negative = never reconnect)
 * @param reconnectIvlMaxMillis RECONNECT_IVL_MAX (0 = no back-off)
 * @param heartbeatIvlMillis  HEARTBEAT_IVL (0 = none)
 * @param heartbeatTtlMillis  HEARTBEAT_TTL sent in PINGs (0 = none)
 * @param heartbeatTimeoutMillis HEARTBEAT_TIMEOUT after a PING
 * @param handshakeIvlMillis  HANDSHAKE_IVL (0 = none)
 * @param immediate           IMMEDIATE
 * @param keepalive           TCP_KEEPALIVE (-1 OS default, 0 off, 1 on)
 * @param keepaliveIdle       TCP_KEEPALIVE_IDLE seconds (-1 = OS default)
 * @param keepaliveCount      TCP_KEEPALIVE_CNT (-1 = OS default)
 * @param keepaliveInterval   TCP_KEEPALIVE_INTVL seconds (-1 = OS default)
 * @param connectTimeoutMillis CONNECT_TIMEOUT (0 = the OS's own)
 * @param backlog             BACKLOG
 * @param sndbuf              SNDBUF bytes (-1 = OS default)
 * @param rcvbuf              RCVBUF bytes (-1 = OS default)
 * @param tos                 TOS (0 = none)
 * @param ipv6                IPV6
 * @param maxHandshakes       MAX_HANDSHAKES (0 = no limit)
 * @param mechanism           makes the security mechanism of each connection
 */
public record ConnectionOptions(int sndhwm, int rcvhwm, boolean conflate, long maxMessageSize, byte[] routingId, Metadata localMetadata,
        long reconnectIvlMillis, long reconnectIvlMaxMillis,
        long heartbeatIvlMillis, long heartbeatTtlMillis, long heartbeatTimeoutMillis, long handshakeIvlMillis,
        boolean immediate, int keepalive, int keepaliveIdle, int keepaliveCount, int keepaliveInterval,
        int connectTimeoutMillis, int backlog, int sndbuf, int rcvbuf, int tos, boolean ipv6, int maxHandshakes,
        MechanismFactory mechanism) {
}
