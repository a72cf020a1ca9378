package dev.zmq4j.patterns.beacon;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.SocketException;

/** A UDP port free at the time of asking, for a test's beacons. */
public final class FreeUdpPort {
    private FreeUdpPort() {
    }

    /** A port the system just gave to a socket bound to port 0 and closed again. */
    public static int pick() {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }
}
