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
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.SocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected stream endpoint (tcp or ipc): one pipe, created at connect time so that messages
 * queue before the peer is there, and one ZMTP session at a time, re-established with back-off
 * (RECONNECT_IVL, doubling up to RECONNECT_IVL_MAX) whenever it fails or drops. With IMMEDIATE
 * the pipe exists only while a session is established. Thread-safe.
 */
public final class StreamConnector implements Transport.Link, SessionOwner {
    private static final Logger LOG = LoggerFactory.getLogger(StreamConnector.class);

    private final Function<EventLoop, Bootstrap> bootstrap;
    private final Supplier<SocketAddress> remote;
    private final String endpoint;
    private final SocketPort socket;
    private final ConnectionOptions options;
    /** The routing id this socket gives the peer (CONNECT_ROUTING_ID), or empty. */
    private final byte[] assignedId;
    private volatile Pipe pipe;
    private final EventLoop loop;
    private long nextDelayMillis;
    private volatile boolean closed;
    private volatile ZmtpSession session;
    private ScheduledFuture<?> retry;
    private final FailureLog failures;

    /**
     * Creates the pipe (unless IMMEDIATE), attaches it to the socket and starts connecting.
     *
     * @param bootstrap makes the transport's client bootstrap (channel type and options) on a loop
     * @param remote    where to connect, resolved again at each attempt
     * @param endpoint  the endpoint as the application gave it
     */
    public StreamConnector(NettyIo io, Function<EventLoop, Bootstrap> bootstrap, Supplier<SocketAddress> remote,
                           String endpoint, SocketPort socket, byte[] assignedId) {
        this.bootstrap = bootstrap;
        this.remote = remote;
        this.endpoint = endpoint;
        this.socket = socket;
        this.options = socket.options();
        this.assignedId = assignedId;
        this.loop = io.next();
        this.failures = new FailureLog(loop);
        this.nextDelayMillis = options.reconnectIvlMillis();
        if (!options.immediate()) {
            Pipe p = socket.newPipe(options);
            p.routingId(assignedId);
            this.pipe = p;
            socket.attach(p);
        }
        loop.execute(this::connect);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public FailureLog failures() {
        return failures;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public SocketPort socket() {
        return socket;
    }

    @Override
    public ConnectionOptions options() {
        return options;
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ZmtpSession s = new ZmtpSession(StreamConnector.this);
                session = s;
                ch.pipeline().addLast(new ZmtpFraming(s));
            }
        };
        ChannelFuture f;
        try {
            f = bootstrap.apply(loop).handler(init).connect(remote.get());
        } catch (RuntimeException e) {
            LOG.debug("{}: connect failed: {}", endpoint, e.toString());
            scheduleReconnect();
            return;
        }
        if (!f.isDone()) {
            socket.event(TransportEvent.CONNECT_DELAYED, endpoint, null, null, null, 0);
        }
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("{}: connect failed: {}", endpoint, String.valueOf(done.cause()));
                scheduleReconnect();
            } else if (closed) {
                f.channel().close();
            } else {
                socket.event(TransportEvent.CONNECTED, endpoint, f.channel().remoteAddress(), null, null, 0);
            }
        });
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long ivl = options.reconnectIvlMillis();
        if (ivl < 0) {
            return;
        }
        long delay = Math.max(1, nextDelayMillis);
        long max = options.reconnectIvlMaxMillis();
        nextDelayMillis = max > ivl ? Math.min(max, Math.max(ivl, nextDelayMillis * 2)) : ivl;
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        socket.event(TransportEvent.CONNECT_RETRIED, endpoint, null, null, null, delay);
    }

    @Override
    public Pipe handshakeComplete(ZmtpSession s, byte[] peerId, PeerProperties properties) {
        if (closed) {
            return null;
        }
        nextDelayMillis = options.reconnectIvlMillis();
        if (options.immediate()) {
            Pipe p = socket.newPipe(options);
            p.routingId(assignedId.length > 0 ? assignedId : peerId);
            p.peerProperties(properties);
            if (!StreamListener.attachIdentified(socket, p)) {
                return null;
            }
            pipe = p;
            return p;
        }
        Pipe p = pipe;
        if (assignedId.length == 0) {
            p.routingId(peerId);
        }
        p.peerProperties(properties);
        return socket.identified(p) ? p : null;
    }

    @Override
    public void sessionClosed(ZmtpSession s, Pipe p) {
        if (p != null && options.immediate()) {
            // Messages queued to this peer go with it; received ones stay readable.
            p.terminate();
            socket.detach(p);
            if (pipe == p) {
                pipe = null;
            }
        } else if (p != null) {
            p.detach(s);
        }
        if (session == s) {
            session = null;
        }
        // As a task, so that the session reports DISCONNECTED before CONNECT_RETRIED.
        loop.execute(this::scheduleReconnect);
    }

    @Override
    public void close(long graceMillis) {
        closed = true;
        failures.flush();
        loop.execute(() -> {
            if (retry != null) {
                retry.cancel(false);
            }
        });
        Pipe p = pipe;
        if (p != null) {
            // Nothing more is queued, and the session takes no more once its drain under way ends.
            p.terminate();
        }
        ZmtpSession s = session;
        if (s != null) {
            s.close(graceMillis);
        }
        if (p != null) {
            // Taken from the socket on the I/O thread, after that drain published what it wrote:
            // its messages count as written, only those left in the pipe as dropped.
            try {
                loop.execute(() -> socket.detach(p));
            } catch (RejectedExecutionException e) {
                socket.detach(p); // the I/O threads are gone: no drain either
            }
        }
    }
}
