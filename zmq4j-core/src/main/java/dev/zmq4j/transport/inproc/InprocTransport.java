package dev.zmq4j.transport.inproc;

import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import java.net.BindException;

/**
 * {@code inproc://name}: sockets of one context, linked by pipe ends that share their queues; no
 * connection and no encoding. Bind and connect in either order (a connect waits for the name).
 * Thread-safe.
 */
public final class InprocTransport implements Transport {
    private final InprocRegistry registry = new InprocRegistry();

    @Override
    public String scheme() {
        return "inproc";
    }

    @Override
    public void validate(String address, boolean bind) {
        if (address.isEmpty() || (!bind && address.equals("*"))) {
            throw new IllegalArgumentException("endpoint: 'inproc://' (expected: inproc://name)");
        }
    }

    @Override
    public Binding bind(String address, SocketPort socket) throws BindException {
        validate(address, true);
        return registry.bind(address, socket);
    }

    @Override
    public Link connect(String address, SocketPort socket, byte[] assignedId) {
        validate(address, false);
        return registry.connect(address, socket);
    }

    /**
     * The binding of {@code inproc://name} now, or {@code null} if nothing is bound there; a new
     * bind of the same name gives another object (the ZAP client reconnects on a change).
     */
    public Object binding(String name) {
        return registry.binding(name);
    }
}
