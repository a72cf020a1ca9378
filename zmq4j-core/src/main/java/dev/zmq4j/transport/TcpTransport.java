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
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of one context and the factory of its tcp channels: Netty's native epoll
 * transport where available, NIO otherwise. Thread-safe.
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
