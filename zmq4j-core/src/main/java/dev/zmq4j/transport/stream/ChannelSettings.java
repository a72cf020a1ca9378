package dev.zmq4j.transport.stream;

import dev.zmq4j.transport.ConnectionOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;

/**
 * The socket options a stream connection gets from its socket's options (SNDBUF, RCVBUF, TOS and
 * the TCP_KEEPALIVE family), set the same way on a connecting bootstrap and on a listener's
 * accepted channels.
 */
public final class ChannelSettings {
    /** Where options go: a bootstrap's own, or a server bootstrap's children's. */
    @FunctionalInterface
    public interface Sink {
        /** Sets one channel option. */
        <T> void set(ChannelOption<T> option, T value);
    }

    private ChannelSettings() {
    }

    /** A sink for a connecting bootstrap. */
    public static Sink of(Bootstrap b) {
        return new Sink() {
            @Override
            public <T> void set(ChannelOption<T> option, T value) {
                b.option(option, value);
            }
        };
    }

    /** A sink for a listener's accepted channels. */
    public static Sink children(ServerBootstrap b) {
        return new Sink() {
            @Override
            public <T> void set(ChannelOption<T> option, T value) {
                b.childOption(option, value);
            }
        };
    }

    /** SNDBUF and RCVBUF, for tcp and ipc alike. */
    public static void buffers(ConnectionOptions o, Sink sink) {
        if (o.sndbuf() > 0) {
            sink.set(ChannelOption.SO_SNDBUF, o.sndbuf());
        }
        if (o.rcvbuf() > 0) {
            sink.set(ChannelOption.SO_RCVBUF, o.rcvbuf());
        }
    }

    /** TCP_NODELAY, TOS and keep-alive (the idle, count and interval settings need native epoll). */
    public static void tcp(ConnectionOptions o, boolean epoll, Sink sink) {
        sink.set(ChannelOption.TCP_NODELAY, true);
        buffers(o, sink);
        if (o.tos() > 0) {
            sink.set(ChannelOption.IP_TOS, o.tos());
        }
        if (o.keepalive() >= 0) {
            sink.set(ChannelOption.SO_KEEPALIVE, o.keepalive() == 1);
        }
        if (epoll && o.keepalive() == 1) {
            if (o.keepaliveIdle() > 0) {
                sink.set(EpollChannelOption.TCP_KEEPIDLE, o.keepaliveIdle());
            }
            if (o.keepaliveCount() > 0) {
                sink.set(EpollChannelOption.TCP_KEEPCNT, o.keepaliveCount());
            }
            if (o.keepaliveInterval() > 0) {
                sink.set(EpollChannelOption.TCP_KEEPINTVL, o.keepaliveInterval());
            }
        }
    }
}
