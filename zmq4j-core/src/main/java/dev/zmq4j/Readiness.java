package dev.zmq4j;

import dev.zmq4j.concurrent.CopyOnWriteArray;

/**
 * The pollers watching one socket, told on edges (a read or drain batch, a peer coming or going, a
 * lock-step state change, close), never per message. A socket without a poller pays one volatile
 * read per signal. Thread-safe.
 */
final class Readiness {
    /** Told when the socket may have become readable or writable; called from any thread. */
    interface Listener {
        /** The socket may have changed readiness (or was closed); must be cheap and never block. */
        void readinessChanged();
    }

    private final CopyOnWriteArray<Listener> listeners = new CopyOnWriteArray<>(Listener[]::new);

    void add(Listener l) {
        listeners.add(l);
    }

    void remove(Listener l) {
        listeners.remove(l);
    }

    void signal() {
        Listener[] ls = listeners.snapshot();
        if (ls.length != 0) {
            for (Listener l : ls) {
                l.readinessChanged();
            }
        }
    }
}
