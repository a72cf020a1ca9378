package dev.zmq4j.session;

import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.TransportEvent;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one session reports to its socket's monitors: HANDSHAKE_SUCCEEDED, and at its end exactly
 * one of CLOSED (this socket closed it) or DISCONNECTED with the reason, preceded, while still
 * handshaking, by HANDSHAKE_FAILED_PROTOCOL, _AUTH (with the mechanism's status code) or
 * _NO_DETAIL (the peer went away, or HANDSHAKE_IVL ran out). It also tells the socket when the
 * connection opened and, once, when an opened one ended; and it writes what the session's failures
 * say in the log (once per distinct failure, through the owner's {@link FailureLog}). Written on
 * the session's I/O thread; {@link #closedBySocket} from any thread.
 */
final class SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ZmtpSession.class);

    private final SocketPort socket;
    private final SessionOwner owner;
    private final String endpoint;
    private volatile SocketAddress remote;
    private volatile byte[] peerId;
    private String endReason;
    private TransportEvent handshakeFailure;
    private long handshakeFailureCode;
    private final AtomicBoolean endReported = new AtomicBoolean();
    /** Whether the socket was told the connection opened and not yet that it ended; guarded by this. */
    private boolean open;

    SessionEvents(SocketPort socket, SessionOwner owner) {
        this.socket = socket;
        this.owner = owner;
        this.endpoint = owner.endpoint();
    }

    /** The connection is open, to {@code remote}. */
    void remote(SocketAddress remote) {
        this.remote = remote;
        synchronized (this) {
            // A close by the socket may have been reported already, from another thread.
            if (!open && !endReported.get()) {
                open = true;
                socket.connection(true);
            }
        }
    }

    /** The handshake succeeded with a peer whose routing id is {@code id} (empty if none). */
    void handshakeSucceeded(byte[] id) {
        peerId = id.length == 0 ? null : id;
        event(TransportEvent.HANDSHAKE_SUCCEEDED, null, 0);
    }

    /** The handshake failed: a protocol violation, or with {@code refusalCode} a refusal. */
    void handshakeFailed(boolean refusal, int refusalCode) {
        if (handshakeFailure == null) {
            handshakeFailure = refusal ? TransportEvent.HANDSHAKE_FAILED_AUTH : TransportEvent.HANDSHAKE_FAILED_PROTOCOL;
            handshakeFailureCode = refusalCode;
        }
    }

    /** Why the session ends; the first reason given stands. */
    void reason(String reason) {
        if (endReason == null) {
            endReason = reason;
        }
    }

    /**
     * The session ends on a failure ({@code reason}): the end's reason, and a log line unless the
     * endpoint is closing (a closing endpoint closes its connections quietly).
     */
    void failing(String reason) {
        reason(reason);
        if (!owner.isClosed()) {
            owner.failures().closing(LOG, endpoint, peerName(), peerAddress(), reason);
        }
    }

    /** The connection failed with an I/O error or a reset. */
    void connectionError(Throwable cause) {
        reason("connection error: " + cause.getMessage());
        owner.failures().connectionError(LOG, endpoint, peerName(), peerAddress(), String.valueOf(cause.getMessage()));
    }

    /** This socket closes the session: CLOSED, unless its end was reported already. Any thread. */
    void closedBySocket() {
        if (endReported.compareAndSet(false, true)) {
            socket.event(TransportEvent.CLOSED, endpoint, remote, peerId, null, 0);
            connectionEnded();
        }
    }

    /** The session ended: how, unless this socket closed it (CLOSED was reported then). */
    void ended(boolean handshakeComplete) {
        if (!endReported.compareAndSet(false, true)) {
            return;
        }
        String reason = endReason != null ? endReason : "connection lost";
        if (!handshakeComplete) {
            TransportEvent kind = handshakeFailure != null ? handshakeFailure : TransportEvent.HANDSHAKE_FAILED_NO_DETAIL;
            event(kind, reason, kind == TransportEvent.HANDSHAKE_FAILED_AUTH ? handshakeFailureCode : 0);
        }
        event(TransportEvent.DISCONNECTED, reason, 0);
        connectionEnded();
    }

    private synchronized void connectionEnded() {
        if (open) {
            open = false;
            socket.connection(false);
        }
    }

    private void event(TransportEvent kind, String reason, long value) {
        socket.event(kind, endpoint, remote, peerId, reason, value);
    }

    /** The peer as the transport names it, for the log. */
    private String peerName() {
        return String.valueOf(remote == null ? "?" : remote);
    }

    /** The peer's IP address for the log, or its name before the channel is connected. */
    private String peerAddress() {
        SocketAddress r = remote;
        return r == null ? "?" : ConnectionProperties.peerAddress(r);
    }
}
