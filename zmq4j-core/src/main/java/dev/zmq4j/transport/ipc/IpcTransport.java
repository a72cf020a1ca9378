package dev.zmq4j.transport.ipc;

import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import dev.zmq4j.transport.stream.ChannelSettings;
import dev.zmq4j.transport.stream.NettyIo;
import dev.zmq4j.transport.stream.StreamConnector;
import dev.zmq4j.transport.stream.StreamListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * {@code ipc://path}: ZMTP over Unix domain sockets, the tcp path's sibling (epoll's domain socket
 * channels, or NIO's under the NIO fallback, which has no half-closure: a peer's EOF then closes
 * the channel after everything before it was read). The path is absolute ({@code ipc:///tmp/x})
 * or relative to the working directory; {@code ipc://*} (bind only) is a new path in the
 * temporary directory. Thread-safe.
 */
public final class IpcTransport implements Transport {
    private final NettyIo io;

    /** An ipc transport on {@code io}'s threads. */
    public IpcTransport(NettyIo io) {
        this.io = io;
    }

    @Override
    public String scheme() {
        return "ipc";
    }

    @Override
    public void validate(String address, boolean bind) {
        if (address.isEmpty() || (!bind && address.equals("*"))) {
            throw new IllegalArgumentException("endpoint: 'ipc://" + address + "' (expected: ipc://path" + (bind ? " or ipc://*" : "") + ")");
        }
    }

    @Override
    public Binding bind(String address, SocketPort socket) throws BindException {
        validate(address, true);
        ConnectionOptions o = socket.options();
        IpcPath path = IpcPath.forBind(address);
        ServerBootstrap b = io.server(io.isNative() ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class,
                io.isNative(), o.backlog());
        ChannelSettings.buffers(o, ChannelSettings.children(b));
        try {
            return new StreamListener(b, address(path.path()), local -> path.endpoint(), path::remove, socket);
        } catch (BindException e) {
            if (path.isGenerated()) {
                path.remove();
            }
            throw e;
        }
    }

    @Override
    public Link connect(String address, SocketPort socket, byte[] assignedId) {
        validate(address, false);
        ConnectionOptions o = socket.options();
        SocketAddress remote = address(Path.of(address));
        return new StreamConnector(io, loop -> client(loop, o), () -> remote, "ipc://" + address, socket, assignedId);
    }

    private Bootstrap client(EventLoop loop, ConnectionOptions o) {
        Bootstrap b = io.client(loop, io.isNative() ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class, io.isNative());
        ChannelSettings.buffers(o, ChannelSettings.of(b));
        return b;
    }

    /** The address of the Unix domain socket at {@code path}, in the form this transport's channels take. */
    private SocketAddress address(Path path) {
        return io.isNative() ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }
}
