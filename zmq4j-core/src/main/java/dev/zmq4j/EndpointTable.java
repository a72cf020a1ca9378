package dev.zmq4j;

import dev.zmq4j.transport.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A socket's bound and connected endpoints, by the text the application knows them by, and the
 * last one. Once closed it takes no more (a bind or connect racing with close is undone).
 * Thread-safe.
 */
final class EndpointTable {
    private final Map<String, Transport.Binding> bound = new LinkedHashMap<>();
    private final Map<String, List<Transport.Link>> connected = new LinkedHashMap<>();
    private boolean closed;
    private volatile String last;

    /** Records a binding; {@code false} if the table is closed (the caller undoes the bind). */
    synchronized boolean add(Transport.Binding b) {
        if (closed) {
            return false;
        }
        bound.put(b.endpoint(), b);
        last = b.endpoint();
        return true;
    }

    /** Records a connect; {@code false} if the table is closed (the caller undoes the connect). */
    synchronized boolean add(String endpoint, Transport.Link l) {
        if (closed) {
            return false;
        }
        connected.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(l);
        last = endpoint;
        return true;
    }

    /** Takes out the binding of {@code endpoint}, or {@code null}. */
    synchronized Transport.Binding removeBinding(String endpoint) {
        return bound.remove(endpoint);
    }

    /** Takes out the connects to {@code endpoint}, or {@code null}. */
    synchronized List<Transport.Link> removeLinks(String endpoint) {
        return connected.remove(endpoint);
    }

    synchronized List<String> boundEndpoints() {
        return new ArrayList<>(bound.keySet());
    }

    synchronized List<String> connectedEndpoints() {
        return new ArrayList<>(connected.keySet());
    }

    /** The endpoint of the last bind (with its actual address) or connect, or {@code null}. */
    String last() {
        return last;
    }

    /** Closes the table: every binding and connect is taken out, to be closed by the caller. */
    synchronized List<Transport.Binding> closeBindings() {
        closed = true;
        List<Transport.Binding> all = new ArrayList<>(bound.values());
        bound.clear();
        return all;
    }

    /** Every connect, taken out; call after {@link #closeBindings()}. */
    synchronized List<Transport.Link> closeLinks() {
        closed = true;
        List<Transport.Link> all = new ArrayList<>();
        connected.values().forEach(all::addAll);
        connected.clear();
        return all;
    }
}
