package dev.zmq4j.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of one context and the factory of its tcp and ipc channels: Netty's native
 * epoll transport where available, NIO otherwise. ipc (Unix domain sockets) uses epoll's domain
 * socket channels, or NIO's (JDK 16+ {@link UnixDomainSocketAddress}) under the NIO fallback.
 * Thread-safe.
 */
public final class TcpTransport {
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

    private final EventLoopGroup group;
    private final boolean epoll;

    /** Starts {@code ioThreads} I/O threads (daemon threads, so a forgotten context never holds the JVM). */
    public TcpTransport(int ioThreads) {
        this.epoll = Epoll.isAvailable() && !Boolean.getBoolean("zmq4j.nio");
        DefaultThreadFactory threads = new DefaultThreadFactory("zmq4j-io", true);
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Whether the native epoll transport is in use. */
    public boolean isNative() {
        return epoll;
    }

    /** The I/O threads, for timers. */
    public EventLoopGroup group() {
        return group;
    }

    Bootstrap clientBootstrap(EventLoopGroup loop, SocketPort socket, ChannelInitializer<Channel> init) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .handler(init);
        applyKeepalive(b, socket.tcpKeepalive());
        return b;
    }

    ServerBootstrap serverBootstrap(SocketPort socket, ChannelInitializer<Channel> init) {
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(type)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(init);
        int[] ka = socket.tcpKeepalive();
        if (ka[0] >= 0) {
            b.childOption(ChannelOption.SO_KEEPALIVE, ka[0] == 1);
        }
        if (epoll && ka[0] == 1) {
            if (ka[1] > 0) {
                b.childOption(EpollChannelOption.TCP_KEEPIDLE, ka[1]);
            }
            if (ka[2] > 0) {
                b.childOption(EpollChannelOption.TCP_KEEPCNT, ka[2]);
            }
            if (ka[3] > 0) {
                b.childOption(EpollChannelOption.TCP_KEEPINTVL, ka[3]);
            }
        }
        return b;
    }

    /** A bootstrap for an ipc (Unix domain socket) connection; connect it to {@link #ipcAddress}. */
    Bootstrap ipcClientBootstrap(EventLoopGroup loop, ChannelInitializer<Channel> init) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(init);
        // NIO's domain socket channel has no half-closure; it reads to EOF before closing anyway.
        return epoll ? b.option(ChannelOption.ALLOW_HALF_CLOSURE, true) : b;
    }

    /** A bootstrap for an ipc (Unix domain socket) listener; bind it to {@link #ipcAddress}. */
    ServerBootstrap ipcServerBootstrap(ChannelInitializer<Channel> init) {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(init);
        return epoll ? b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) : b;
    }

    /** The address of the Unix domain socket at {@code path}, in the form this transport's channels take. */
    SocketAddress ipcAddress(Path path) {
        return epoll ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }

    private void applyKeepalive(Bootstrap b, int[] ka) {
        if (ka[0] >= 0) {
            b.option(ChannelOption.SO_KEEPALIVE, ka[0] == 1);
        }
        if (epoll && ka[0] == 1) {
            if (ka[1] > 0) {
                b.option(EpollChannelOption.TCP_KEEPIDLE, ka[1]);
            }
            if (ka[2] > 0) {
                b.option(EpollChannelOption.TCP_KEEPCNT, ka[2]);
            }
            if (ka[3] > 0) {
                b.option(EpollChannelOption.TCP_KEEPINTVL, ka[3]);
            }
        }
    }

    /** Stops the I/O threads, waiting at most {@code timeoutMillis}. */
    public void shutdown(long timeoutMillis) {
        group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMillis + 1000);
    }
}
