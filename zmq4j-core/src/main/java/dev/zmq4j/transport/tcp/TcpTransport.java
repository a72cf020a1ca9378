package dev.zmq4j.transport.tcp;

import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import dev.zmq4j.transport.stream.ChannelSettings;
import dev.zmq4j.transport.stream.NettyIo;
import dev.zmq4j.transport.stream.StreamConnector;
import dev.zmq4j.transport.stream.StreamListener;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * {@code tcp://host:port}: ZMTP over TCP on the context's Netty I/O threads (native epoll where
 * available, NIO otherwise). Takes TCP_KEEPALIVE*, SNDBUF, RCVBUF, TOS, IPV6, BACKLOG and
 * CONNECT_TIMEOUT from the socket's options. Thread-safe.
 */
public final class TcpTransport implements Transport {
    private final NettyIo io;

    /** A tcp transport on {@code io}'s threads. */
    public TcpTransport(NettyIo io) {
        this.io = io;
    }

    @Override
    public String scheme() {
        return "tcp";
    }

    @Override
    public void validate(String address, boolean bind) {
        TcpAddress.parse(address, bind);
    }

    @Override
    public Binding bind(String address, SocketPort socket) throws BindException {
        TcpAddress a = TcpAddress.parse(address, true);
        ConnectionOptions o = socket.options();
        ServerBootstrap b = io.server(io.isNative() ? EpollServerSocketChannel.class : NioServerSocketChannel.class, true, o.backlog())
                .option(ChannelOption.SO_REUSEADDR, true);
        ChannelSettings.tcp(o, io.isNative(), ChannelSettings.children(b));
        return new StreamListener(b, a.socketAddress(o.ipv6()), local -> TcpAddress.format((InetSocketAddress) local),
                () -> { }, socket);
    }

    @Override
    public Link connect(String address, SocketPort socket, byte[] assignedId) {
        TcpAddress a = TcpAddress.parse(address, false);
        ConnectionOptions o = socket.options();
        return new StreamConnector(io, loop -> client(loop, o), () -> a.socketAddress(o.ipv6()), a.toString(), socket, assignedId);
    }

    private Bootstrap client(EventLoop loop, ConnectionOptions o) {
        Bootstrap b = io.client(loop, io.isNative() ? EpollSocketChannel.class : NioSocketChannel.class, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, o.connectTimeoutMillis());
        ChannelSettings.tcp(o, io.isNative(), ChannelSettings.of(b));
        return b;
    }
}
