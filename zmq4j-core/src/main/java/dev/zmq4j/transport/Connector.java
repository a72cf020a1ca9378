package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.zmtp.Metadata;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connected tcp or ipc endpoint: one pipe, created at connect time so that messages queue before the
 * peer is there, and one connection at a time, re-established with back-off (RECONNECT_IVL,
 * doubling up to RECONNECT_IVL_MAX) whenever it fails or drops. Thread-safe.
 */
public final class Connector implements Session {
    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);

    private final TcpTransport transport;
    private final Endpoint endpoint;
    private final SocketPort socket;
    /** IMMEDIATE: a pipe exists (and takes messages) only while a connection is established. */
    private final boolean immediate;
    private volatile Pipe pipe;
    private final EventLoop loop;
    private long nextDelayMillis;
    private volatile boolean closed;
    private volatile ZmtpConnection connection;
    private ScheduledFuture<?> retry;

    /** Creates the pipe, attaches it to the socket and starts connecting. */
    public Connector(TcpTransport transport, Endpoint endpoint, SocketPort socket) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.socket = socket;
        this.loop = transport.group().next();
        this.immediate = socket.immediate();
        this.nextDelayMillis = socket.reconnectIvlMillis();
        if (!immediate) {
            this.pipe = socket.newPipe();
            socket.attach(pipe);
        }
        loop.execute(this::connect);
    }

    @Override
    public String endpoint() {
        return endpoint.toString();
    }

    @Override
    public SocketPort socket() {
        return socket;
    }

    /** The pipe of this endpoint, or {@code null} (IMMEDIATE, while not connected). */
    public Pipe pipe() {
        return pipe;
    }

    private void connect() {
        if (closed) {
            return;
        }
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ZmtpConnection c = new ZmtpConnection(Connector.this);
                connection = c;
                ch.pipeline().addLast(c);
            }
        };
        ChannelFuture f;
        try {
            f = endpoint.isIpc()
                    ? transport.ipcClientBootstrap(loop, init).connect(transport.ipcAddress(Path.of(endpoint.host())))
                    : transport.clientBootstrap(loop, socket, init).connect(endpoint.socketAddress());
        } catch (RuntimeException e) {
            LOG.debug("{}: connect failed: {}", endpoint, e.toString());
            scheduleReconnect();
            return;
        }
        if (!f.isDone()) {
            socket.event(TransportEvent.CONNECT_DELAYED, endpoint(), null, null, null, 0);
        }
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("{}: connect failed: {}", endpoint, String.valueOf(done.cause()));
                scheduleReconnect();
            } else if (closed) {
                f.channel().close();
            } else {
                socket.event(TransportEvent.CONNECTED, endpoint(), f.channel().remoteAddress(), null, null, 0);
            }
        });
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long ivl = socket.reconnectIvlMillis();
        if (ivl < 0) {
            return;
        }
        long delay = Math.max(1, nextDelayMillis);
        long max = socket.reconnectIvlMaxMillis();
        nextDelayMillis = max > ivl ? Math.min(max, Math.max(ivl, nextDelayMillis * 2)) : ivl;
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        socket.event(TransportEvent.CONNECT_RETRIED, endpoint(), null, null, null, delay);
    }

    @Override
    public Pipe handshakeComplete(ZmtpConnection c, Metadata peer) {
        if (closed) {
            return null;
        }
        nextDelayMillis = socket.reconnectIvlMillis();
        byte[] id = peer.get(Metadata.IDENTITY);
        if (immediate) {
            Pipe p = socket.newPipe();
            if (id != null) {
                p.routingId(id);
            }
            if (!socket.attach(p)) {
                return null;
            }
            pipe = p;
            return p;
        }
        if (id != null) {
            pipe.routingId(id);
        }
        return pipe;
    }

    @Override
    public void connectionClosed(ZmtpConnection c, Pipe p) {
        if (p != null && immediate) {
            // Messages queued to this peer go with it; received ones stay readable.
            p.terminate();
            socket.detach(p);
            if (pipe == p) {
                pipe = null;
            }
        } else if (p != null) {
            p.detach(c);
        }
        if (connection == c) {
            connection = null;
        }
        // As a task, so that the connection reports DISCONNECTED before CONNECT_RETRIED.
        loop.execute(this::scheduleReconnect);
    }

    /**
     * Stops reconnecting, ends the pipe, and closes the connection once its written bytes are
     * flushed or after {@code graceMillis} (negative = no bound).
     */
    public void close(long graceMillis) {
        closed = true;
        loop.execute(() -> {
            if (retry != null) {
                retry.cancel(false);
            }
        });
        ZmtpConnection c = connection;
        if (c != null) {
            c.close(graceMillis);
        }
        Pipe p = pipe;
        if (p != null) {
            p.terminate();
            socket.detach(p);
        }
    }
}
