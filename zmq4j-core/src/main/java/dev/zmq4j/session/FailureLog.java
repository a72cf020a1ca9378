package dev.zmq4j.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The log of connections closed on failure for one endpoint: the first failure of a peer for a
 * reason at WARN, its repeats (a client retrying after a refused handshake) at DEBUG, so a peer
 * that keeps failing the same way is told once, not once per retry. Thread-safe; bounded (it
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
}
