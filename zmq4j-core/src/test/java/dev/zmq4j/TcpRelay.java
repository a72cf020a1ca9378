package dev.zmq4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tcp relay for tests: accepts on 127.0.0.1, connects each accepted connection onward to a
 * target, and copies bytes both ways. {@link #silence()} makes it swallow every byte without
 * closing anything, not even when one side closes (a network that vanished); {@link #resume()} closes the silenced
 * connections and relays new ones again. Thread-safe.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<java.net.Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean forwarding = true;
    private volatile boolean closed;

    TcpRelay(String targetEndpoint) throws IOException {
        String hostPort = targetEndpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        this.target = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    /** The endpoint to connect to instead of the target. */
    String endpoint() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** From now on, bytes are read and thrown away on every connection; nothing is closed. */
    void silence() {
        forwarding = false;
    }

    /** Closes the connections relayed so far (their streams are broken) and relays new ones again. */
    void resume() {
        for (java.net.Socket s : sockets) {
            close(s);
        }
        sockets.clear();
        forwarding = true;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                java.net.Socket in = server.accept();
                java.net.Socket out = new java.net.Socket();
                out.connect(target, 5000);
                sockets.add(in);
                sockets.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(java.net.Socket from, java.net.Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            // Not try-with-resources: closing a socket's stream closes the socket.
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (forwarding) {
                        out.write(buf, 0, n);
                        out.flush();
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

    private static void close(java.net.Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        resume();
    }
}
