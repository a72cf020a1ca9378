package dev.zmq4j;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mechanism as it is, except that its transform counts the commands it decodes: proof that
 * commands (PING, PONG) travelled inside the mechanism's boxes.
 */
final class CountingMechanism implements Mechanism {
    private final Mechanism delegate;
    private final AtomicInteger commands;
    private FrameTransform counting;

    CountingMechanism(Mechanism delegate, AtomicInteger commands) {
        this.delegate = delegate;
        this.commands = commands;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public boolean asServer() {
        return delegate.asServer();
    }

    @Override
    public List<Command> start(Greeting peer) throws ProtocolException {
        return delegate.start(peer);
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        return delegate.onCommand(command);
    }

    @Override
    public List<Command> resume() throws ProtocolException {
        return delegate.resume();
    }

    @Override
    public MechanismStatus status() {
        return delegate.status();
    }

    @Override
    public Metadata peerMetadata() {
        return delegate.peerMetadata();
    }

    @Override
    public String userId() {
        return delegate.userId();
    }

    @Override
    public Metadata zapMetadata() {
        return delegate.zapMetadata();
    }

    @Override
    public FrameTransform transform() {
        FrameTransform t = delegate.transform();
        if (t == null) {
            return null;
        }
        if (counting == null) {
            counting = new FrameTransform() {
                @Override
                public WireFrame encode(int flags, byte[] body) {
                    return t.encode(flags, body);
                }

                @Override
                public WireFrame decode(int flags, byte[] body) throws ProtocolException {
                    WireFrame f = t.decode(flags, body);
                    if ((f.flags() & FrameFlags.COMMAND) != 0) {
                        commands.incrementAndGet();
                    }
                    return f;
                }

                @Override
                public int overhead() {
                    return t.overhead();
                }
            };
        }
        return counting;
    }
}
