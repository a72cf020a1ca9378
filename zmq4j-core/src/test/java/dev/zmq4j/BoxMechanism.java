package dev.zmq4j;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A test mechanism that exercises the whole mechanism contract the way CURVE and ZAP will: the
 * client sends READY; the server asks an authenticator on another thread and goes on only when
 * the answer arrives ({@link Mechanism#resume}); a refusal fails the handshake with status 400;
 * once ready, every frame (commands included) is boxed in a {@code MESSAGE} command, its bytes
 * scrambled, so nothing passes unless both sides' transforms are in the path.
 */
final class BoxMechanism implements Mechanism {
    static final String NAME = "TESTBOX";

    /** Counts what the transforms of one side saw. */
    static final class Stats {
        final AtomicInteger framesBoxed = new AtomicInteger();
        final AtomicInteger commandsBoxed = new AtomicInteger();
        final AtomicInteger framesUnboxed = new AtomicInteger();
        final AtomicInteger commandsUnboxed = new AtomicInteger();
    }

    /**
     * @param server        the side that authenticates
     * @param authenticator the server's decision on the client's metadata, run on {@code answers};
     *                      {@code null} never answers
     */
    static MechanismFactory factory(boolean server, Predicate<Metadata> authenticator, Executor answers, Stats stats) {
        return c -> new BoxMechanism(server, c.local(), c.wake(), authenticator, answers, stats);
    }

    private final boolean server;
    private final Metadata local;
    private final Runnable wake;
    private final Predicate<Metadata> authenticator;
    private final Executor answers;
    private final Stats stats;
    private volatile Boolean verdict;
    private Metadata peer;
    private MechanismStatus status = MechanismStatus.HANDSHAKING;

    private BoxMechanism(boolean server, Metadata local, Runnable wake, Predicate<Metadata> authenticator, Executor answers,
                         Stats stats) {
        this.server = server;
        this.local = local;
        this.wake = wake;
        this.authenticator = authenticator;
        this.answers = answers;
        this.stats = stats;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return server;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        if (peerGreeting.asServer() == server) {
            throw new ProtocolException("greeting as-server: " + peerGreeting.asServer() + " (expected: the other role)");
        }
        return server ? List.of() : List.of(new Command(Command.READY, local.encode()));
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        if (!command.name().equals(Command.READY) || peer != null) {
            throw new ProtocolException("command: " + command.name() + " (expected: one READY)");
        }
        peer = Metadata.decode(command.data(), 0);
        if (!server) {
            status = MechanismStatus.READY;
            return List.of();
        }
        if (authenticator != null) {
            Metadata asked = peer;
            answers.execute(() -> {
                verdict = authenticator.test(asked);
                wake.run();
            });
        }
        return List.of();
    }

    @Override
    public List<Command> resume() {
        Boolean v = verdict;
        if (v == null) {
            return List.of();
        }
        if (!v) {
            status = MechanismStatus.failed(400, "denied by the test authenticator");
            return List.of(Command.error("denied"));
        }
        status = MechanismStatus.READY;
        return List.of(new Command(Command.READY, local.encode()));
    }

    @Override
    public MechanismStatus status() {
        return status;
    }

    @Override
    public Metadata peerMetadata() {
        return peer;
    }

    @Override
    public String userId() {
        String user = server && peer != null ? peer.getString("X-User") : null;
        return user == null ? "" : user;
    }

    @Override
    public FrameTransform transform() {
        return new Box();
    }

    /** MESSAGE command: flags byte, then the body with every byte XOR 0x5A. */
    private final class Box implements FrameTransform {
        private static final byte[] NAME = "MESSAGE".getBytes(StandardCharsets.US_ASCII);

        @Override
        public WireFrame encode(int flags, byte[] body) {
            stats.framesBoxed.incrementAndGet();
            if ((flags & FrameFlags.COMMAND) != 0) {
                stats.commandsBoxed.incrementAndGet();
            }
            byte[] out = new byte[1 + NAME.length + 1 + body.length];
            out[0] = (byte) NAME.length;
            System.arraycopy(NAME, 0, out, 1, NAME.length);
            out[1 + NAME.length] = (byte) flags;
            int at = 2 + NAME.length;
            for (int i = 0; i < body.length; i++) {
                out[at + i] = (byte) (body[i] ^ 0x5A);
            }
            return new WireFrame(FrameFlags.COMMAND, out);
        }

        @Override
        public WireFrame decode(int flags, byte[] body) throws ProtocolException {
            Command c = Command.decode(body);
            if ((flags & FrameFlags.COMMAND) == 0 || !c.name().equals("MESSAGE") || c.data().length < 1) {
                throw new ProtocolException("boxed frame: " + c.name() + " (expected: MESSAGE)");
            }
            byte[] d = c.data();
            byte[] inner = new byte[d.length - 1];
            for (int i = 0; i < inner.length; i++) {
                inner[i] = (byte) (d[i + 1] ^ 0x5A);
            }
            int innerFlags = d[0] & 0xFF;
            stats.framesUnboxed.incrementAndGet();
            if ((innerFlags & FrameFlags.COMMAND) != 0) {
                stats.commandsUnboxed.incrementAndGet();
            }
            return new WireFrame(innerFlags, inner);
        }

        @Override
        public int overhead() {
            return 2 + NAME.length;
        }
    }
}
