package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.PeerProperties;
import dev.zmq4j.zmtp.SocketProfile;
import java.net.SocketAddress;

/**
 * What a transport needs of the socket it serves: its type's wire profile, its options when a
 * connection is set up, and where to attach and detach pipes and report events. Implemented by
 * the socket; called from I/O threads and, for bind and connect, the caller's thread.
 */
public interface SocketPort {
    /** The socket type as ZMTP sees it. */
    SocketProfile profile();

    /** The socket's options now. */
    ConnectionOptions options();

    /** A new pipe with the given options' HWMs (and CONFLATE). */
    Pipe newPipe(ConnectionOptions options);

    /** Hands a pipe to the socket's pattern; {@code false} if the pattern refuses the peer. */
    boolean attach(Pipe pipe);

    /**
     * A pipe attached before its handshake (a connect's) now knows its peer: its routing id and
     * properties are set. ROUTER registers the id here.
     *
     * @return {@code false} if the socket refuses the peer (a routing id in use); the connection
     *         is then closed and the pipe stays for the next one
     */
    boolean identified(Pipe pipe);

    /** Takes a terminated pipe from the socket's pattern. */
    void detach(Pipe pipe);

    /** The socket as the owner of pipe ends. */
    Pipe.Owner pipeOwner();

    /** The properties an in-process peer sees on our messages (Socket-Type, Routing-Id, METADATA). */
    PeerProperties inprocProperties();

    /**
     * Reports an event to the socket's monitors, and counts it for the socket's connection
     * statistics. Costs one atomic increment and one volatile read when nothing monitors the
     * socket; never blocks. Any thread.
     *
     * @param remote    the peer's address, or {@code null}
     * @param routingId the peer's routing id, or {@code null}
     * @param reason    why, or {@code null}
     * @param value     the retry delay in milliseconds for CONNECT_RETRIED, the error code for
     *                  HANDSHAKE_FAILED_AUTH, otherwise 0
     */
    void event(TransportEvent kind, String endpoint, SocketAddress remote, byte[] routingId, String reason, long value);

    /**
     * A stream connection opened ({@code true}), or one that opened has ended ({@code false}):
     * each ends once, after it opened. Counted for the socket's connection statistics; any thread.
     */
    void connection(boolean opened);
}
