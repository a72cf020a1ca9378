package dev.zmq4j.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A plain TCP server on an ephemeral loopback port that runs one behaviour on the first
 * connection it accepts: an echo server, an HTTP server, a silent one, a hand-written ZMTP peer.
 * Closing it closes the listener and the connection. Not thread-safe.
 */
final class RawServer implements AutoCloseable {
    /** What the server does with a connection. */
    interface Behaviour {
        void serve(Socket connection) throws Exception;
    }

    private final ServerSocket listener;
    private final Thread thread;
    private volatile Socket connection;

    RawServer(Behaviour behaviour) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket c = listener.accept()) {
                connection = c;
                behaviour.serve(c);
            } catch (Exception e) {
                // The probe closed the connection or the test closed the server: nothing to report.
            }
        }, "raw-server");
        thread.setDaemon(true);
        thread.start();
    }

    String endpoint() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        Socket c = connection;
        if (c != null) {
            c.close();
        }
        thread.join(5000);
    }
}
