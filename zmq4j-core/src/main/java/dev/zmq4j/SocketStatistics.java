package dev.zmq4j;

/**
 * A snapshot of a socket's traffic since it was created, from {@link Socket#statistics()}: what
 * every peer connection carried, including connections that are gone. Counts are taken by the I/O
 * threads and published once per batch, so a snapshot may lag the wire by a batch; it is never
 * torn within one counter. Immutable.
 *
 * @param messagesIn     messages received from peers: decoded by the connections and queued for
 *                       the socket (read since, or in {@code queuedIn})
 * @param bytesIn        their body bytes (frame bodies, without ZMTP framing)
 * @param messagesOut    messages written to peers
 * @param bytesOut       their body bytes
 * @param messagesDropped messages the socket's pattern dropped because a peer's queue was full
 *                       (e.g. a REP reply to a peer at SNDHWM) or the peer was gone, and
 *                       messages still queued for a peer when its connection ended for good
 *                       (an accepted connection, or any with IMMEDIATE; a connecting socket
 *                       otherwise keeps them for the next connection) or the socket closed;
 *                       and, inbound, the message a connection paused at RCVHWM held when it
 *                       closed (this socket's disconnect, unbind or close, or a heartbeat
 *                       timeout), which libzmq also drops with the connection
 * @param queuedIn       messages waiting to be received now, summed over peers
 * @param queuedOut      messages waiting to be sent now, summed over peers
 */
public record SocketStatistics(long messagesIn, long bytesIn, long messagesOut, long bytesOut,
        long messagesDropped, long queuedIn, long queuedOut) {
}
