package dev.zmq4j.transport.inproc;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.Transport;

/**
 * One inproc connect: the connecting socket's pipe end, created and attached at connect time,
 * and, once the name is bound, the bound socket's end. Nothing is re-linked after the pipe ends
 * (an unbind, or either socket closing), as in libzmq. Its methods run under the
 * {@link InprocRegistry}'s lock.
 */
public final class InprocConnector implements Transport.Link {
    private final InprocRegistry registry;
    private final String name;
    private final SocketPort socket;
    private final Pipe pipe;
    private InprocListener listener;
    private Pipe peerEnd;
    private boolean cut;

    /** @param bound the socket bound to {@code name} now, or {@code null} if none is yet */
    InprocConnector(InprocRegistry registry, String name, SocketPort socket, SocketPort bound) {
        this.registry = registry;
        this.name = name;
        this.socket = socket;
        this.pipe = bound == null
                ? Pipe.inproc(socket.pipeOwner(), socket.options().sndhwm(), socket.options().rcvhwm())
                : Pipe.inproc(socket.pipeOwner(), socket.options().sndhwm(), socket.options().rcvhwm(),
                        bound.options().sndhwm(), bound.options().rcvhwm());
        if (!socket.attach(pipe)) {
            pipe.terminate();
            cut = true;
        }
    }

    String name() {
        return name;
    }

    SocketPort socket() {
        return socket;
    }

    Pipe pipe() {
        return pipe;
    }

    void linked(InprocListener l, Pipe bound) {
        listener = l;
        peerEnd = bound;
    }

    /** Ends both pipe ends and takes each from its socket; queued inbound messages stay readable. */
    void cut() {
        if (cut) {
            return;
        }
        cut = true;
        // Both ends stop taking messages before either is detached, so the counts each end
        // retires with (see Telemetry.detached) are final.
        pipe.terminate();
        if (peerEnd != null) {
            peerEnd.terminate();
        }
        socket.detach(pipe);
        if (peerEnd != null) {
            listener.socket().detach(peerEnd);
            listener.forget(this);
        }
    }

    /** Disconnects: ends the pipe (messages not yet taken by the bound socket stay readable there). */
    @Override
    public void close(long graceMillis) {
        registry.disconnect(this);
    }
}
