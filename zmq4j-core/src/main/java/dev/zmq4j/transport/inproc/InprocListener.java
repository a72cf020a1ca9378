package dev.zmq4j.transport.inproc;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound inproc name: links each connecting socket's pipe to a new end for the bound socket.
 * Its methods run under the {@link InprocRegistry}'s lock.
 */
public final class InprocListener implements Transport.Binding {
    private static final Logger LOG = LoggerFactory.getLogger(InprocListener.class);

    private final InprocRegistry registry;
    private final String name;
    private final SocketPort socket;
    private final List<InprocConnector> linked = new ArrayList<>();

    InprocListener(InprocRegistry registry, String name, SocketPort socket) {
        this.registry = registry;
        this.name = name;
        this.socket = socket;
    }

    String name() {
        return name;
    }

    SocketPort socket() {
        return socket;
    }

    /** The bound endpoint, {@code inproc://name}. */
    @Override
    public String endpoint() {
        return "inproc://" + name;
    }

    /** Links a connecting socket, or drops it if the types cannot talk or the bound socket refuses it. */
    void accept(InprocConnector c) {
        SocketPort peer = c.socket();
        if (!peer.profile().accepts(socket.profile().name())) {
            LOG.warn("{}: dropping the connect of a {} socket: the bound socket is {} (expected: one of {})",
                    endpoint(), peer.profile().name(), socket.profile().name(), peer.profile().sortedPeers());
            c.cut();
            return;
        }
        Pipe theirs = c.pipe();
        Pipe ours = theirs.inprocPeer(socket.pipeOwner(), socket.options().sndhwm(), socket.options().rcvhwm());
        ours.routingId(peer.options().routingId());
        ours.peerProperties(peer.inprocProperties());
        theirs.routingId(socket.options().routingId());
        theirs.peerProperties(socket.inprocProperties());
        if (!socket.attach(ours) || !socket.identified(ours) || !peer.identified(theirs)) {
            ours.terminate();
            socket.detach(ours);
            c.cut();
            return;
        }
        c.linked(this, ours);
        linked.add(c);
    }

    void forget(InprocConnector c) {
        linked.remove(c);
    }

    void cutAll() {
        for (InprocConnector c : new ArrayList<>(linked)) {
            c.cut();
        }
        linked.clear();
    }

    /**
     * Unbinds the name and ends every pipe linked through it; messages already queued to either
     * side stay readable there.
     */
    @Override
    public void close(long graceMillis) {
        registry.unbind(this);
    }
}
