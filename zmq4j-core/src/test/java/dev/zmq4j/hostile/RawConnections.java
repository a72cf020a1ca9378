package dev.zmq4j.hostile;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many raw tcp connections to one endpoint, each a non-blocking {@link SocketChannel}: the hostile
 * side of the tests in this package. Each connection has a script (the bytes it will send) and a
 * position in it; {@link #sendNext} sends the next bytes of every script at once, and
 * {@link #poll} notes the connections the server has closed (end of stream or reset), reading and
 * discarding whatever the server sent before.
 *
 * <p>Not thread-safe: one thread plays all the connections.
 */
final class RawConnections implements AutoCloseable {
    private final InetSocketAddress address;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final List<byte[]> scripts = new ArrayList<>();
    private int[] sent = new int[0];
    private boolean[] closed = new boolean[0];
    private final ByteBuffer sink = ByteBuffer.allocate(4096);
    private long closedCount;

    RawConnections(String endpoint) {
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        this.address = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Opens one connection (a blocking connect) that will send {@code script}; returns its index. */
    int open(byte[] script) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(address);
        ch.configureBlocking(false);
        int i = channels.size();
        channels.add(ch);
        scripts.add(script);
        sent = Arrays.copyOf(sent, i + 1);
        closed = Arrays.copyOf(closed, i + 1);
        return i;
    }

    /** Opens a connection and closes it at once with a reset (SO_LINGER 0: no TIME_WAIT left behind). */
    void connectAndReset() throws IOException {
        try (SocketChannel ch = SocketChannel.open()) {
            ch.connect(address);
            ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        }
    }

    int size() {
        return channels.size();
    }

    /** Sends up to {@code bytes} more bytes of each open connection's script. */
    void sendNext(int bytes) {
        for (int i = 0; i < channels.size(); i++) {
            if (closed[i] || sent[i] >= scripts.get(i).length) {
                continue;
            }
            byte[] s = scripts.get(i);
            try {
                sent[i] += channels.get(i).write(ByteBuffer.wrap(s, sent[i], Math.min(bytes, s.length - sent[i])));
            } catch (IOException e) {
                markClosed(i);
            }
        }
    }

    /** Sends the whole rest of every script (as much as the socket buffers take). */
    void sendAll() {
        sendNext(Integer.MAX_VALUE);
    }

    /** Reads what the server sent, noting the connections it closed; returns how many are closed. */
    long poll() {
        for (int i = 0; i < channels.size(); i++) {
            if (closed[i]) {
                continue;
            }
            try {
                int n;
                do {
                    sink.clear();
                    n = channels.get(i).read(sink);
                } while (n > 0);
                if (n < 0) {
                    markClosed(i);
                }
            } catch (IOException e) {
                markClosed(i);
            }
        }
        return closedCount;
    }

    /** Replaces each closed connection by a new one with the same script, from its start. */
    int reopenClosed() throws IOException {
        int reopened = 0;
        for (int i = 0; i < channels.size(); i++) {
            if (closed[i]) {
                SocketChannel ch = SocketChannel.open();
                ch.connect(address);
                ch.configureBlocking(false);
                channels.set(i, ch);
                sent[i] = 0;
                closed[i] = false;
                reopened++;
            }
        }
        return reopened;
    }

    boolean isClosed(int i) {
        return closed[i];
    }

    private void markClosed(int i) {
        closed[i] = true;
        closedCount++;
        try {
            channels.get(i).close();
        } catch (IOException ignored) {
            // Closing a connection the server already closed: nothing is left to release.
        }
    }

    @Override
    public void close() {
        for (SocketChannel ch : channels) {
            try {
                ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                ch.close();
            } catch (IOException ignored) {
                // Already closed by the server: nothing to release.
            }
        }
        channels.clear();
    }
}
