package dev.zmq4j;

import dev.zmq4j.transport.AddressInUseException;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import dev.zmq4j.transport.TransportEvent;
import dev.zmq4j.transport.Transports;
import java.net.BindException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A socket's endpoints: binds, connects, unbinds and disconnects them through their transports,
 * and keeps them by the text the application knows them by, with the last one. Once closed it
 * takes no more (a bind or connect racing with close is undone). Thread-safe.
 */
final class EndpointTable {
    private final Map<String, Transport.Binding> bound = new LinkedHashMap<>();
    private final Map<String, List<Transport.Link>> connected = new LinkedHashMap<>();
    private boolean closed;
    private volatile String last;

    /**
     * Binds {@code endpoint} for {@code port} (see {@link Socket#bind}). A failure is reported to
     * the port as BIND_FAILED and thrown. If the table closed meanwhile the bind is undone and
     * {@code whenClosed} runs (it throws the socket's closed exception).
     *
     * @return the bound endpoint
     */
    String bind(Transports transports, SocketPort port, String endpoint, Runnable whenClosed) {
        Transports.Endpoint e = transports.resolve(endpoint);
        Transport.Binding b;
        try {
            b = e.transport().bind(e.address(), port);
        } catch (BindException ex) {
            String msg = String.valueOf(ex.getMessage());
            port.event(TransportEvent.BIND_FAILED, endpoint, null, null, msg, 0);
            if (ex instanceof AddressInUseException) {
                throw new ZmqException.AddressInUseException(endpoint + ": address in use", ex);
            }
            throw new ZmqException.BindFailedException(endpoint + ": cannot bind: " + msg, ex);
        }
        if (!add(b)) {
            b.close(0);
            whenClosed.run();
        }
        return b.endpoint();
    }

    /**
     * Connects {@code port} to {@code endpoint} (see {@link Socket#connect}), the pipe identified
     * as {@code assignedId} if not {@code null}. If the table closed meanwhile the connect is
     * undone and {@code whenClosed} runs.
     */
    void connect(Transports transports, SocketPort port, String endpoint, byte[] assignedId, Runnable whenClosed) {
        Transports.Endpoint e = transports.resolve(endpoint);
        e.transport().validate(e.address(), false);
        Transport.Link l = e.transport().connect(e.address(), port, assignedId);
        if (!add(endpoint, l)) {
            l.close(0);
            whenClosed.run();
        }
    }

    /** Stops listening on {@code endpoint} (see {@link Socket#unbind}). */
    void unbind(String endpoint) {
        Transport.Binding b = removeBinding(endpoint);
        if (b == null) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: one this socket is bound to: "
                    + boundEndpoints() + ")");
        }
        b.close(0);
    }

    /** Closes the connects to {@code endpoint} (see {@link Socket#disconnect}). */
    void disconnect(String endpoint) {
        List<Transport.Link> ls = removeLinks(endpoint);
        if (ls == null) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: one this socket is connected to: "
                    + connectedEndpoints() + ")");
        }
        ls.forEach(l -> l.close(0));
    }

    /** Records a binding; {@code false} if the table is closed (the caller undoes the bind). */
    private synchronized boolean add(Transport.Binding b) {
        if (closed) {
            return false;
        }
        bound.put(b.endpoint(), b);
        last = b.endpoint();
        return true;
    }

    /** Records a connect; {@code false} if the table is closed (the caller undoes the connect). */
    private synchronized boolean add(String endpoint, Transport.Link l) {
        if (closed) {
            return false;
        }
        connected.computeIfAbsent(endpoint, k -> new ArrayList<>()).add(l);
        last = endpoint;
        return true;
    }

    /** Takes out the binding of {@code endpoint}, or {@code null}. */
    private synchronized Transport.Binding removeBinding(String endpoint) {
        return bound.remove(endpoint);
    }

    /** Takes out the connects to {@code endpoint}, or {@code null}. */
    private synchronized List<Transport.Link> removeLinks(String endpoint) {
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

    /**
     * Closes the table and then every binding and connect, each given what is left of LINGER to
     * flush what it still holds ({@code -1}: no limit).
     *
     * @param lingerNanos LINGER in nanoseconds, negative for no limit
     * @param closeStart  when the socket's close began ({@link System#nanoTime()})
     */
    void closeAll(long lingerNanos, long closeStart) {
        List<Transport.Binding> bindings;
        List<Transport.Link> links = new ArrayList<>();
        synchronized (this) {
            closed = true;
            bindings = new ArrayList<>(bound.values());
            bound.clear();
            connected.values().forEach(links::addAll);
            connected.clear();
        }
        long grace = lingerNanos < 0 ? -1
                : Math.max(0, TimeUnit.NANOSECONDS.toMillis(lingerNanos - (System.nanoTime() - closeStart)));
        bindings.forEach(b -> b.close(grace));
        links.forEach(l -> l.close(grace));
    }
}
