package dev.zmq4j.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The log of connections closed on failure for one endpoint: the first failure of a peer for a
 * reason at WARN, its repeats (a client retrying after a refused handshake) at DEBUG, so a peer
 * that keeps failing the same way is told once, not once per retry. Connection errors (a reset)
 * go the same way at INFO, so that a flood of connects and resets from one host is one line, not
 * one per connection. Thread-safe; bounded (it
 * forgets everything after {@value #MAX} distinct failures and starts again).
 */
public final class FailureLog {
    static final int MAX = 1024;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * Logs that the connection to {@code peerName} closes for {@code reason}.
     *
     * @param peer the peer as it stays across retries (its IP, without the port)
     */
    void closing(Logger log, String endpoint, String peerName, String peer, String reason) {
        if (seen.size() >= MAX) {
            seen.clear();
        }
        if (seen.add(peer + '\n' + reason)) {
            log.warn("{} peer {}: closing connection: {}", endpoint, peerName, reason);
        } else {
            log.debug("{} peer {}: closing connection: {} (again)", endpoint, peerName, reason);
        }
    }

    /**
     * Logs that the connection to {@code peerName} failed with an I/O error ({@code message}, e.g. a
     * reset): at INFO the first time for that peer and message, then at DEBUG.
     *
     * @param peer the peer as it stays across connections (its IP, without the port)
     */
    void connectionError(Logger log, String endpoint, String peerName, String peer, String message) {
        if (seen.size() >= MAX) {
            seen.clear();
        }
        if (seen.add("error\n" + peer + '\n' + message)) {
            log.info("{} peer {}: connection error: {}", endpoint, peerName, message);
        } else {
            log.debug("{} peer {}: connection error: {} (again)", endpoint, peerName, message);
        }
    }
}
