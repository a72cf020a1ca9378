package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.zmtp.Metadata;
import java.net.SocketAddress;

/**
 * What a transport needs of the socket it serves: its configuration at the time of the call, and
 * where to attach and detach pipes. Implemented by the socket; called from I/O threads.
 */
public interface SocketPort {
    /** Our ZMTP socket type name. */
    String zmtpType();

    /** The metadata to send in READY. */
    Metadata localMetadata();

    /** MAXMSGSIZE, -1 for none. */
    long maxMessageSize();

    /** Creates a pipe with the socket's current HWMs. */
    Pipe newPipe();

    /** Hands a pipe to the socket's pattern; {@code false} if the pattern refuses the peer. */
    boolean attach(Pipe pipe);

    /** Takes a terminated pipe from the socket's pattern. */
    void detach(Pipe pipe);

    /** The current reconnect interval in milliseconds, negative for none. */
    long reconnectIvlMillis();

    /** The current reconnect back-off cap in milliseconds, 0 for none. */
    long reconnectIvlMaxMillis();

    /** The socket as the owner of in-process pipe ends. */
    Pipe.Owner pipeOwner();

    /** The current SNDHWM (0 = none). */
    int sndhwm();

    /** The current RCVHWM (0 = none). */
    int rcvhwm();

    /** The current ROUTING_ID, never {@code null} (empty if unset). */
    byte[] routingId();

    /** TCP keep-alive settings: mode (-1, 0, 1), idle, count, interval (-1 = OS default). */
    int[] tcpKeepalive();

    /**
     * Reports an event to the socket's monitors. Costs one volatile read when nothing monitors the
     * socket; never blocks. Any thread.
     *
     * @param remote    the peer's address, or {@code null}
     * @param routingId the peer's routing id, or {@code null}
     * @param reason    why, or {@code null}
     * @param value     the retry delay in milliseconds for CONNECT_RETRIED, otherwise 0
     */
    void event(TransportEvent kind, String endpoint, SocketAddress remote, byte[] routingId, String reason, long value);

    /** Heartbeats in milliseconds: interval (0 = none), TTL sent in PINGs (0 = none), timeout after a PING. */
    long[] heartbeatMillis();

    /** IMMEDIATE: queue messages only to completed connections (no pipe before the handshake). */
    default boolean immediate() {
        return false;
    }
}
