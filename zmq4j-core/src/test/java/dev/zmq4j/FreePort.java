package dev.zmq4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A tcp endpoint on 127.0.0.1 that nothing listens on (the kernel picked it, then it was freed). */
public final class FreePort {
    private FreePort() {
    }

    /** {@code tcp://127.0.0.1:<port>} for a port that was free a moment ago. */
    public static String endpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
