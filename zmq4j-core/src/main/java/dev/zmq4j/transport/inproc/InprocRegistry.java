package dev.zmq4j.transport.inproc;

import dev.zmq4j.transport.AddressInUseException;
import dev.zmq4j.transport.SocketPort;
import java.net.BindException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inproc names of one context: which socket is bound to each, and the connects waiting for a
 * name to be bound (a connect may come first, as in libzmq 4.x). Every inproc bind, connect,
 * unbind and disconnect of the context is serialised here, so pipes are never linked to a socket
 * that is leaving. Thread-safe.
 *
 * <p>Socket types are checked when both sides are known: a connect to a bound name of an
 * incompatible type throws {@link IllegalStateException}; a waiting connect that turns out
 * incompatible when the name is bound is dropped (its pipe terminated, a WARN logged), since no
 * caller is there to be told.
 */
public final class InprocRegistry {
    private final Map<String, InprocListener> bound = new HashMap<>();
    private final Map<String, List<InprocConnector>> waiting = new HashMap<>();

    /**
     * Binds {@code name} for {@code socket}, linking the connects that were waiting for it.
     *
     * @throws BindException if the name is bound already
     */
    public synchronized InprocListener bind(String name, SocketPort socket) throws BindException {
        if (bound.containsKey(name)) {
            throw new AddressInUseException("inproc://" + name + ": Address already in use");
        }
        InprocListener l = new InprocListener(this, name, socket);
        bound.put(name, l);
        List<InprocConnector> early = waiting.remove(name);
        if (early != null) {
            for (InprocConnector c : early) {
                l.accept(c);
            }
        }
        return l;
    }

    /**
     * Connects {@code socket} to {@code name}: at once if it is bound, otherwise when it is. The
     * connecting socket's pipe exists from now on, so messages queue (up to SNDHWM) meanwhile.
     *
     * @throws IllegalStateException if the socket bound to {@code name} cannot talk to {@code socket}'s type
     */
    public synchronized InprocConnector connect(String name, SocketPort socket) {
        InprocListener l = bound.get(name);
        if (l != null && !socket.profile().accepts(l.socket().profile().name())) {
            throw new IllegalStateException("inproc://" + name + ": a " + socket.profile().name() + " socket cannot connect to the "
                    + l.socket().profile().name() + " socket bound there (expected: " + socket.profile().sortedPeers() + ")");
        }
        InprocConnector c = new InprocConnector(this, name, socket, l == null ? null : l.socket());
        if (l != null) {
            l.accept(c);
        } else {
            waiting.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
        }
        return c;
    }

    /** The binding of {@code name} now, or {@code null}: its identity changes when the name is bound anew. */
    public synchronized Object binding(String name) {
        return bound.get(name);
    }

    synchronized void unbind(InprocListener l) {
        bound.remove(l.name(), l);
        l.cutAll();
    }

    synchronized void disconnect(InprocConnector c) {
        List<InprocConnector> w = waiting.get(c.name());
        if (w != null && w.remove(c) && w.isEmpty()) {
            waiting.remove(c.name());
        }
        c.cut();
    }
}
