package dev.zmq4j.bench.jmh;

import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.zmtp.StreamHandshake;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.NullMechanism;
import dev.zmq4j.zmtp.ProtocolException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A ZMTP peer on a plain blocking {@link SocketChannel}, with no socket of its own: after the NULL
 * handshake it either discards everything it reads ({@link #startSink}) or writes the same block
 * of pre-encoded frames over and over ({@link #startSource}). Neither loop allocates, so a
 * benchmark that talks to it measures the allocations of one zmq4j socket's side alone (the
 * user's thread and the socket's I/O thread).
 *
 * <p>Not thread-safe: one benchmark sets it up and closes it; its loop runs on its own thread.
 */
final class RawZmtpPeer implements AutoCloseable {
    private final SocketChannel channel;
    private final Thread thread;
    private volatile boolean stopping;

    private RawZmtpPeer(SocketChannel channel, Runnable loop, String name) {
        this.channel = channel;
        this.thread = new Thread(loop, name);
        this.thread.setDaemon(true);
    }

    /**
     * Connects to {@code endpoint} (a {@code tcp://host:port} that a zmq4j socket is bound to) as a
     * PULL peer and discards every byte that arrives.
     */
    static RawZmtpPeer startSink(String endpoint) {
        SocketChannel ch = handshake(endpoint, "PULL");
        RawZmtpPeer[] self = new RawZmtpPeer[1];
        self[0] = new RawZmtpPeer(ch, () -> self[0].drain(), "raw-zmtp-sink");
        self[0].thread.start();
        return self[0];
    }

    /**
     * Connects to {@code endpoint} as a PUSH peer and sends single-frame messages of
     * {@code messageSize} bytes as fast as the zmq4j side reads them.
     */
    static RawZmtpPeer startSource(String endpoint, int messageSize) {
        SocketChannel ch = handshake(endpoint, "PUSH");
        ByteBuffer block = encodedBlock(messageSize, 64 * 1024);
        RawZmtpPeer[] self = new RawZmtpPeer[1];
        self[0] = new RawZmtpPeer(ch, () -> self[0].feed(block), "raw-zmtp-source");
        self[0].thread.start();
        return self[0];
    }

    /** A direct buffer of back-to-back single-frame messages, about {@code bytes} long. */
    static ByteBuffer encodedBlock(int messageSize, int bytes) {
        byte[] header = new byte[FrameFlags.MAX_HEADER_SIZE];
        int headerSize = FrameFlags.writeHeader(header, 0, 0, messageSize);
        int frames = Math.max(1, bytes / (headerSize + messageSize));
        ByteBuffer block = ByteBuffer.allocateDirect(frames * (headerSize + messageSize));
        byte[] body = new byte[messageSize];
        for (int i = 0; i < frames; i++) {
            block.put(header, 0, headerSize).put(body);
        }
        return block.flip();
    }

    private void drain() {
        ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
        try {
            while (channel.read(buf.clear()) >= 0) {
                // Discard.
            }
        } catch (IOException e) {
            if (!stopping) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void feed(ByteBuffer block) {
        try {
            for (;;) {
                block.rewind();
                while (block.hasRemaining()) {
                    channel.write(block);
                }
            }
        } catch (IOException e) {
            if (!stopping) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Does the NULL handshake as {@code socketType}; bytes after it are left in the channel. */
    private static SocketChannel handshake(String endpoint, String socketType) {
        URI uri = URI.create(endpoint);
        try {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            ch.socket().setTcpNoDelay(true);
            Metadata local = Metadata.of(Map.of(Metadata.SOCKET_TYPE, socketType.getBytes(StandardCharsets.US_ASCII)));
            StreamHandshake hs = new StreamHandshake(new NullMechanism(local), SocketDescriptor.forName(socketType).profile(), -1);
            writeFully(ch, hs.greeting());
            // Read one byte at a time so that nothing after the handshake is consumed here.
            ByteBuffer one = ByteBuffer.allocate(1);
            for (;;) {
                one.clear();
                if (ch.read(one) < 0) {
                    throw new IOException("peer closed during the handshake");
                }
                one.flip();
                boolean done = hs.feed(one, bytes -> writeFully(ch, bytes));
                if (done) {
                    return ch;
                }
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("handshake with " + endpoint + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFully(SocketChannel ch, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        thread.join(5_000);
    }
}
