package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.zmtp.Metadata;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bound tcp or ipc endpoint: accepts connections, gives each one a new pipe once its handshake
 * succeeds, and terminates that pipe when the connection ends. Thread-safe.
 */
public final class Listener implements Session {
    private final SocketPort socket;
    private final Set<ZmtpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Channel serverChannel;
    private final String endpoint;
    private final IpcPath ipcPath;
    private volatile boolean closed;

    /**
     * Binds synchronously.
     *
     * @throws BindException      if the address is in use or not available
     */
    public Listener(TcpTransport transport, Endpoint endpoint, SocketPort socket) throws BindException {
        this.socket = socket;
        ChannelInitializer<Channel> init = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (closed) {
                    ch.close();
                    return;
                }
                ZmtpConnection c = new ZmtpConnection(Listener.this);
                connections.add(c);
                String local = ipcPath != null ? ipcPath.endpoint()
                        : Endpoint.format("tcp", (InetSocketAddress) ch.parent().localAddress());
                socket.event(TransportEvent.ACCEPTED, local, ch.remoteAddress(), null, null, 0);
                ch.pipeline().addLast(c);
            }
        };
        ChannelFuture f;
        if (endpoint.isIpc()) {
            ipcPath = IpcPath.forBind(endpoint.host());
            f = transport.ipcServerBootstrap(init).bind(transport.ipcAddress(ipcPath.path())).awaitUninterruptibly();
        } else {
            ipcPath = null;
            f = transport.serverBootstrap(socket, init).bind(endpoint.socketAddress()).awaitUninterruptibly();
        }
        if (!f.isSuccess()) {
            if (ipcPath != null && ipcPath.isGenerated()) {
                ipcPath.remove();
            }
            Throwable cause = f.cause();
            if (cause instanceof BindException be) {
                throw be;
            }
            BindException be = new BindException(String.valueOf(cause.getMessage()));
            be.initCause(cause);
            throw be;
        }
        this.serverChannel = f.channel();
        this.endpoint = ipcPath != null ? ipcPath.endpoint()
                : Endpoint.format("tcp", (InetSocketAddress) serverChannel.localAddress());
        socket.event(TransportEvent.LISTENING, this.endpoint, null, null, null, 0);
    }

    /**
     * The bound endpoint with the actual port, e.g. {@code tcp://127.0.0.1:41234}, or the ipc path
     * (generated for {@code ipc://*}).
     */
    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public SocketPort socket() {
        return socket;
    }

    @Override
    public Pipe handshakeComplete(ZmtpConnection connection, Metadata peer) {
        if (closed) {
            return null;
        }
        Pipe p = socket.newPipe();
        byte[] id = peer.get(Metadata.IDENTITY);
        if (id != null) {
            p.routingId(id);
        }
        return socket.attach(p) ? p : null;
    }

    @Override
    public void connectionClosed(ZmtpConnection connection, Pipe pipe) {
        connections.remove(connection);
        if (pipe != null) {
            pipe.terminate();
            socket.detach(pipe);
        }
    }

    /**
     * Stops accepting and closes every accepted connection, each once its written bytes are
     * flushed or after {@code graceMillis} (negative = no bound).
     */
    public void close(long graceMillis) {
        if (closed) {
            return;
        }
        closed = true;
        serverChannel.close().awaitUninterruptibly();
        socket.event(TransportEvent.CLOSED, endpoint, null, null, null, 0);
        if (ipcPath != null) {
            ipcPath.remove();
        }
        for (ZmtpConnection c : connections) {
            c.close(graceMillis);
        }
    }
}
