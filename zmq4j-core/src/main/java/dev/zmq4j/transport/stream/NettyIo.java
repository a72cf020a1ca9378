package dev.zmq4j.transport.stream;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads of one context (a Netty event-loop group: native epoll where available, NIO
 * otherwise; {@code -Dzmq4j.nio=true} forces NIO) and the settings every stream channel shares.
 * The stream transports (tcp, ipc) build their channels on it. Thread-safe.
 */
public final class NettyIo {
    /** Channels stop being writable at 512 KiB pending, and are writable again at 128 KiB. */
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(128 * 1024, 512 * 1024);

    private final EventLoopGroup group;
    private final boolean epoll;

    /** Starts {@code ioThreads} I/O threads (daemon threads, so a forgotten context never holds the JVM). */
    public NettyIo(int ioThreads) {
        // The property first: asking Epoll loads its JNI library, which JDK 24+ warn about.
        this.epoll = !Boolean.getBoolean("zmq4j.nio") && Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("zmq4j-io", true);
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, threads,
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Whether the native epoll transport is in use. */
    public boolean isNative() {
        return epoll;
    }

    /** The next event loop, for a connect and its timers. */
    public EventLoop next() {
        return group.next();
    }

    /** A client bootstrap on {@code loop} with the settings every stream connection shares. */
    public Bootstrap client(EventLoop loop, Class<? extends Channel> type, boolean halfClosure) {
        Bootstrap b = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        // Set only when wanted: off is every channel's default, and NIO's domain socket channels do
        // not know the option (Netty warns about an unknown option on each of them).
        return halfClosure ? b.option(ChannelOption.ALLOW_HALF_CLOSURE, true) : b;
    }

    /** A server bootstrap with the settings every accepted stream connection shares. */
    public ServerBootstrap server(Class<? extends ServerChannel> type, boolean halfClosure, int backlog) {
        ServerBootstrap b = new ServerBootstrap().group(group).channel(type)
                .option(ChannelOption.SO_BACKLOG, backlog)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
        return halfClosure ? b.childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) : b;
    }

    /** Stops the I/O threads, waiting at most {@code timeoutMillis}. */
    public void shutdown(long timeoutMillis) {
        group.shutdownGracefully(0, timeoutMillis, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMillis + 1000);
    }
}
