package dev.zmq4j;

/**
 * A snapshot of a socket's connection life since it was created, from
 * {@link Socket#connectionStatistics()}: the stream connections (tcp, ipc) open now and how many
 * of each connection event happened, whether or not a {@link Monitor} watched. In-process peers
 * make no connections and are not counted here. Each count is read atomically; the snapshot as a
 * whole may straddle an event. Immutable.
 *
 * @param open                     connections open now: accepted or connected, and not yet closed
 *                                 or lost (whether or not their handshake is done)
 * @param accepted                 connections accepted on bound endpoints ({@link SocketEvent.Type#ACCEPTED})
 * @param connected                connects that succeeded at the transport level ({@link SocketEvent.Type#CONNECTED})
 * @param connectRetries           connects retried after a failed attempt or a lost connection
 *                                 ({@link SocketEvent.Type#CONNECT_RETRIED})
 * @param disconnected             connections ended other than by this socket's will
 *                                 ({@link SocketEvent.Type#DISCONNECTED})
 * @param handshakesSucceeded      ZMTP handshakes completed ({@link SocketEvent.Type#HANDSHAKE_SUCCEEDED})
 * @param handshakesFailedNoDetail handshakes that ended without a protocol reason, e.g. the peer
 *                                 went away or HANDSHAKE_IVL ran out ({@link SocketEvent.Type#HANDSHAKE_FAILED_NO_DETAIL})
 * @param handshakesFailedProtocol handshakes the peer broke the protocol in
 *                                 ({@link SocketEvent.Type#HANDSHAKE_FAILED_PROTOCOL})
 * @param handshakesFailedAuth     handshakes the security mechanism refused, on either side
 *                                 ({@link SocketEvent.Type#HANDSHAKE_FAILED_AUTH})
 */
public record ConnectionStatistics(long open, long accepted, long connected, long connectRetries, long disconnected,
        long handshakesSucceeded, long handshakesFailedNoDetail, long handshakesFailedProtocol, long handshakesFailedAuth) {
}
