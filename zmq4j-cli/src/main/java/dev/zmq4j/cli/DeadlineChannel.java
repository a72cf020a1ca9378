package dev.zmq4j.cli;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A stream connection (tcp or ipc) whose every blocking operation waits at most until one
 * deadline, fixed at opening: a non-blocking {@link SocketChannel} and its own {@link Selector}.
 * Reaching the deadline is a return value ({@code false}, or 0 bytes read), not an exception.
 * Not thread-safe.
 */
final class DeadlineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final long deadlineNanos;

    private DeadlineChannel(SocketChannel channel, Selector selector, long deadlineNanos) {
        this.channel = channel;
        this.selector = selector;
        this.deadlineNanos = deadlineNanos;
    }

    /** Opens an unconnected channel of {@code family} whose waits end at {@code deadlineNanos} ({@link System#nanoTime()}). */
    static DeadlineChannel open(ProtocolFamily family, long deadlineNanos) throws IOException {
        SocketChannel channel = SocketChannel.open(family);
        try {
            channel.configureBlocking(false);
            return new DeadlineChannel(channel, Selector.open(), deadlineNanos);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects to {@code target}, waiting up to the deadline.
     *
     * @return {@code false} if the deadline passed first
     * @throws IOException if the connection fails ({@link java.net.ConnectException} when refused)
     */
    boolean connect(SocketAddress target) throws IOException {
        if (channel.connect(target)) {
            return true;
        }
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
        try {
            while (!channel.finishConnect()) {
                if (!await()) {
                    return false;
                }
            }
            return true;
        } finally {
            quiet(key);
        }
    }

    /** Reads what is there into {@code in}, waiting up to the deadline: the count, -1 at end of stream, 0 at the deadline. */
    int read(ByteBuffer in) throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        try {
            while (true) {
                int n = channel.read(in);
                if (n != 0) {
                    return n;
                }
                if (!await()) {
                    return 0;
                }
            }
        } finally {
            quiet(key);
        }
    }

    /** Writes all of {@code bytes}; {@code false} if the peer did not take them before the deadline. */
    boolean write(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
                boolean ready = await();
                quiet(key);
                if (!ready) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits for the registered operation until the deadline; {@code false} once it has passed. */
    private boolean await() throws IOException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
        return true;
    }

    /** A failed operation closes the channel and cancels its key: then there is nothing to reset. */
    private static void quiet(SelectionKey key) {
        if (key.isValid()) {
            key.interestOps(0);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
