package dev.zmq4j.session;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;

/**
 * The owner of a ZMTP session: what accepted it (a bound endpoint) or what keeps it connected (a
 * connected endpoint). Called on the session's I/O thread.
 */
public interface SessionOwner {
    /**
     * The handshake succeeded; the pipe's peer is {@code peerId} (its READY Identity, or empty).
     *
     * @return the pipe the session serves, or {@code null} to refuse the peer (the session is
     *         then closed)
     */
    Pipe handshakeComplete(ZmtpSession session, byte[] peerId, dev.zmq4j.pipe.PeerProperties properties);

    /** The session closed; {@code pipe} is the one it served, or {@code null} if none. */
    void sessionClosed(ZmtpSession session, Pipe pipe);

    /** Whether the endpoint is closing (its sessions' failures are then not logged). */
    default boolean isClosed() {
        return false;
    }

    /** The endpoint served, for events and log lines. */
    String endpoint();

    /** The socket served. */
    SocketPort socket();

    /** Where the endpoint's failed connections are logged (once per peer and reason). */
    FailureLog failures();

    /** The options the session runs with. */
    ConnectionOptions options();
}
