package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.zmtp.Metadata;

/**
 * The owner of a connection: a {@link Listener} for accepted ones, a {@link Connector} for the one
 * it keeps connected. Called on the connection's I/O thread.
 */
interface Session {
    /**
     * The handshake succeeded.
     *
     * @return the pipe the connection serves, or {@code null} to refuse the peer
     */
    Pipe handshakeComplete(ZmtpConnection connection, Metadata peer);

    /** The connection closed; {@code pipe} is the one it served, or {@code null} if none. */
    void connectionClosed(ZmtpConnection connection, Pipe pipe);

    /** The endpoint the session serves, for log lines. */
    String endpoint();

    /** The socket served. */
    SocketPort socket();
}
