package dev.zmq4j.transports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A byte relay for tests over tcp or ipc (the transports with
 * {@link TransportFixture.Capability#RELAY}): accepts on an endpoint of the same scheme as its
 * target, connects each accepted connection onward and copies bytes both ways.
 * {@link #silence()} makes it swallow every byte without closing anything, not even when one
 * side closes (a network that vanished); {@link #resume()} closes the silenced connections and
 * relays new ones again. Thread-safe.
 */
final class StreamRelay implements AutoCloseable {
    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final String endpoint;
    private final Path socketDir;
    private final List<SocketChannel> channels = new CopyOnWriteArrayList<>();
    private volatile boolean forwarding = true;
    private volatile boolean closed;

    /** A relay to {@code targetEndpoint}, a concrete {@code tcp://host:port} or {@code ipc://path}. */
    StreamRelay(String targetEndpoint) throws IOException {
        if (targetEndpoint.startsWith("tcp://")) {
            String hostPort = targetEndpoint.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            target = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            endpoint = "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
            socketDir = null;
        } else if (targetEndpoint.startsWith("ipc://")) {
            target = UnixDomainSocketAddress.of(targetEndpoint.substring("ipc://".length()));
            socketDir = Files.createTempDirectory("zmq4j-relay-");
            Path path = socketDir.resolve("relay");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
            endpoint = "ipc://" + path;
        } else {
            throw new IllegalArgumentException("endpoint: '" + targetEndpoint + "' (expected: tcp://host:port or ipc://path)");
        }
        Thread t = new Thread(this::acceptLoop, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The endpoint to connect to instead of the target. */
    String endpoint() {
        return endpoint;
    }

    /** From now on, bytes are read and thrown away on every connection; nothing is closed. */
    void silence() {
        forwarding = false;
    }

    /** Closes the connections relayed so far and relays new ones again. */
    void resume() {
        for (SocketChannel c : channels) {
            close(c);
        }
        channels.clear();
        forwarding = true;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel in = server.accept();
                SocketChannel out = SocketChannel.open(target);
                channels.add(in);
                channels.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            try {
                while (from.read(buf.clear()) >= 0) {
                    if (forwarding) {
                        buf.flip();
                        while (buf.hasRemaining()) {
                            to.write(buf);
                        }
                    }
                }
            } catch (IOException e) {
                // one side went away: fall through
            }
            close(from);
            if (forwarding) {
                // Relay the close; a silenced relay is a vanished network and says nothing.
                close(to);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        resume();
        if (socketDir != null) {
            Files.deleteIfExists(socketDir.resolve("relay"));
            Files.deleteIfExists(socketDir);
        }
    }
}
