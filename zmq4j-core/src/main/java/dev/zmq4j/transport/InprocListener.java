package dev.zmq4j.transport;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.zmtp.SocketTypes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bound inproc name: links each connecting socket's pipe to a new end for the bound socket.
 * Its methods run under the {@link InprocRegistry}'s lock.
 */
public final class InprocListener {
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
    public String endpoint() {
        return "inproc://" + name;
    }

    /** Links a connecting socket, or drops it if the types cannot talk or the bound socket refuses it. */
    void accept(InprocConnector c) {
        SocketPort peer = c.socket();
        if (!SocketTypes.compatible(peer.zmtpType(), socket.zmtpType())) {
            LOG.warn("{}: dropping the connect of a {} socket: the bound socket is {} (expected: one of {})",
                    endpoint(), peer.zmtpType(), socket.zmtpType(), SocketTypes.validPeers(peer.zmtpType()));
            c.cut();
            return;
        }
        Pipe theirs = c.pipe();
        Pipe ours = theirs.inprocPeer(socket.pipeOwner(), socket.sndhwm(), socket.rcvhwm());
        ours.routingId(peer.routingId());
        theirs.routingId(socket.routingId());
        if (!socket.attach(ours)) {
            ours.terminate();
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
    public void close() {
        registry.unbind(this);
    }
}
