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
}
