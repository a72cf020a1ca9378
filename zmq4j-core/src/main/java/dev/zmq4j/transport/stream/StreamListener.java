package dev.zmq4j.transport.stream;

import dev.zmq4j.pipe.PeerProperties;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.session.SessionOwner;
import dev.zmq4j.session.FailureLog;
import dev.zmq4j.session.ZmtpSession;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import dev.zmq4j.transport.TransportEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import dev.zmq4j.transport.AddressInUseException;
import io.netty.channel.unix.Errors;
import io.netty.util.AttributeKey;
import java.net.BindException;
import java.util.Locale;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A bound stream endpoint (tcp or ipc): accepts connections, runs a ZMTP session on each, gives
 * each session a new pipe once its handshake succeeds, and terminates that pipe when the session
 * ends. Thread-safe.
 */
public final class StreamListener implements Transport.Binding {
    /** An accepted connection's way out of MAX_HANDSHAKES' count, from the listening channel to its session. */
    private static final AttributeKey<Runnable> HANDSHAKE_DONE = AttributeKey.valueOf(StreamListener.class, "handshakeDone");
    private final SocketPort socket;
    private final Set<ZmtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Channel serverChannel;
    private final String endpoint;
    private final Runnable onClose;
    /** The failed connections of this endpoint, logged once per peer and reason. */
    private final FailureLog failures;
    private volatile boolean closed;

    /**
     * Binds synchronously.
     *
     * @param bootstrap  the transport's server bootstrap (channel type and options), without a handler
     * @param address    where to bind
     * @param endpointOf the endpoint text of the bound address
     * @param onClose    run once the listener stops (an ipc path's clean-up)
     * @throws BindException if the address is in use or not available
     */
    public StreamListener(ServerBootstrap bootstrap, SocketAddress address, Function<SocketAddress, String> endpointOf,
                          Runnable onClose, SocketPort socket) throws BindException {
        this.socket = socket;
        this.onClose = onClose;
        this.failures = new FailureLog(bootstrap.config().childGroup());
        HandshakeGate gate = new HandshakeGate(socket.options().maxHandshakes());
        ChannelFuture f = bootstrap.handler(new ChannelInboundHandlerAdapter() {
            /** Each accepted connection, before it is handed to its I/O thread: MAX_HANDSHAKES counts it. */
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (gate.isOn() && msg instanceof Channel child) {
                    child.attr(HANDSHAKE_DONE).set(gate.entered(ctx.channel(), child));
                }
                ctx.fireChannelRead(msg);
            }

            /** An accept failed (e.g. out of file descriptors): ACCEPT_FAILED; Netty retries after a pause. */
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                socket.event(TransportEvent.ACCEPT_FAILED, endpointOf.apply(ctx.channel().localAddress()), null, null,
                        String.valueOf(cause.getMessage()), 0);
                ctx.fireExceptionCaught(cause);
            }
        }).childHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (closed) {
                    ch.close();
                    return;
                }
                Runnable handshakeDone = gate.isOn() ? ch.attr(HANDSHAKE_DONE).getAndSet(null) : null;
                ZmtpSession s = new ZmtpSession(new Accepted(socket.options(),
                        handshakeDone == null ? HandshakeGate.NONE : handshakeDone));
                sessions.add(s);
                socket.event(TransportEvent.ACCEPTED, endpointOf.apply(ch.parent().localAddress()), ch.remoteAddress(), null, null, 0);
                ch.pipeline().addLast(new ZmtpFraming(s));
            }
        }).bind(address).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw bindFailure(f.cause());
        }
        this.serverChannel = f.channel();
        this.endpoint = endpointOf.apply(serverChannel.localAddress());
        socket.event(TransportEvent.LISTENING, this.endpoint, null, null, null, 0);
    }

    /**
     * Attaches a pipe whose peer is known (handshake done) and identifies it; {@code false} if the
     * socket refuses the peer (the pipe is then gone).
     */
    static boolean attachIdentified(SocketPort socket, Pipe p) {
        if (!socket.attach(p)) {
            return false;
        }
        if (!socket.identified(p)) {
            p.terminate();
            socket.detach(p);
            return false;
        }
        return true;
    }

    /**
     * What a failed bind throws: {@link AddressInUseException} for EADDRINUSE (the native
     * transport's errno; the JDK's BindException tells it only in its text), else a BindException.
     */
    private static BindException bindFailure(Throwable cause) {
        String msg = String.valueOf(cause.getMessage());
        boolean inUse = cause instanceof Errors.NativeIoException n ? n.expectedErr() == -EADDRINUSE
                : cause instanceof BindException && msg.toLowerCase(Locale.ROOT).contains("address already in use");
        BindException be = inUse ? new AddressInUseException(msg) : new BindException(msg);
        be.initCause(cause);
        return be;
    }

    /** Linux's EADDRINUSE. */
    private static final int EADDRINUSE = 98;

    @Override
    public String endpoint() {
        return endpoint;
    }


    /** An accepted connection's session owner: a new pipe per handshake. */
    private final class Accepted implements SessionOwner {
        private final ConnectionOptions options;
        /** Tells MAX_HANDSHAKES' count that this connection's handshake is over. */
        private final Runnable handshakeDone;

        Accepted(ConnectionOptions options, Runnable handshakeDone) {
            this.options = options;
            this.handshakeDone = handshakeDone;
        }

        @Override
        public Pipe handshakeComplete(ZmtpSession session, byte[] peerId, PeerProperties properties) {
            handshakeDone.run();
            if (closed) {
                return null;
            }
            Pipe p = socket.newPipe(options);
            p.routingId(peerId);
            p.peerProperties(properties);
            return attachIdentified(socket, p) ? p : null;
        }

        @Override
        public void sessionClosed(ZmtpSession session, Pipe pipe) {
            sessions.remove(session);
            if (pipe != null) {
                pipe.terminate();
                socket.detach(pipe);
            }
        }

        @Override
        public String endpoint() {
            return endpoint;
        }

        @Override
        public SocketPort socket() {
            return socket;
        }

        @Override
        public ConnectionOptions options() {
            return options;
        }

        @Override
        public FailureLog failures() {
            return failures;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
    }

    @Override
    public void close(long graceMillis) {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().awaitUninterruptibly();
        socket.event(TransportEvent.CLOSED, endpoint, null, null, null, 0);
        onClose.run();
        for (ZmtpSession s : sessions) {
            s.close(graceMillis);
        }
        failures.flush();
    }
}
