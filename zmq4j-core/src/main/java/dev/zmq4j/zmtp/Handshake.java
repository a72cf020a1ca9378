package dev.zmq4j.zmtp;

import java.util.List;
import java.util.function.Consumer;

/**
 * The ZMTP handshake after the greeting: runs the {@link Mechanism}'s command exchange and, once
 * the mechanism is ready, checks the peer's socket type against ours. Commands to send go to the
 * sink given at construction, in order; on a refusal the sink has already been given the ERROR
 * command for the peer when {@link ProtocolException} is thrown.
 *
 * <p>Not thread-safe; one instance per connection, used on its I/O thread.
 */
public final class Handshake {
    /** The largest command accepted during or after the handshake. */
    public static final long MAX_COMMAND_SIZE = 1 << 20;

    private final MechanismFactory factory;
    private final Metadata local;
    private final Runnable wake;
    private final SocketProfile profile;
    private Mechanism mechanism;
    private final Consumer<Command> sink;
    private Greeting peerGreeting;
    private boolean complete;

    /**
     * @param factory makes the security mechanism when the connection opens
     * @param local   the metadata our READY (or INITIATE) carries
     * @param wake    run on any thread when the mechanism's asynchronous answer arrived
     * @param profile our socket type
     * @param sink    receives the commands to send to the peer
     */
    public Handshake(MechanismFactory factory, Metadata local, Runnable wake, SocketProfile profile, Consumer<Command> sink) {
        this.factory = factory;
        this.local = local;
        this.wake = wake;
        this.profile = profile;
        this.sink = sink;
    }

    /** A handshake with a mechanism made already (raw peers, tests): no {@link #open} needed. */
    public Handshake(Mechanism mechanism, SocketProfile profile, Consumer<Command> sink) {
        this(c -> mechanism, null, null, profile, sink);
        this.mechanism = mechanism;
    }

    /** The connection to {@code peerAddress} (see {@link MechanismFactory.Connection}) is open: makes the mechanism. */
    public void open(String peerAddress) {
        mechanism = factory.create(new MechanismFactory.Connection(local, peerAddress, wake));
    }

    /** Our greeting, once {@link #open}: ZMTP 3.1 with the mechanism's name and role. */
    public Greeting localGreeting() {
        return Greeting.of(mechanism.name(), mechanism.asServer());
    }

    /**
     * The peer's greeting arrived: checks its mechanism and starts ours.
     *
     * @throws ProtocolException if the peer uses another mechanism, or the mechanism refuses it
     */
    public void start(Greeting peer) throws ProtocolException {
        if (!peer.mechanism().equals(mechanism.name())) {
            throw new ProtocolException("peer mechanism: " + peer.mechanism() + " (expected: " + mechanism.name() + ")");
        }
        peerGreeting = peer;
        send(mechanism.start(peer));
        check();
    }

    /**
     * Handles one command from the peer.
     *
     * @return whether the handshake is complete
     * @throws ProtocolException if the peer breaks the protocol or is refused
     */
    public boolean onCommand(Command command) throws ProtocolException {
        send(mechanism.onCommand(command));
        return check();
    }

    /**
     * Goes on after the mechanism's asynchronous answer arrived.
     *
     * @return whether the handshake is complete
     */
    public boolean resume() throws ProtocolException {
        send(mechanism.resume());
        return check();
    }

    private boolean check() throws ProtocolException {
        MechanismStatus status = mechanism.status();
        if (status.state() == MechanismStatus.State.FAILED) {
            throw ProtocolException.refused(status.errorCode(), status.reason());
        }
        if (status.state() != MechanismStatus.State.READY || complete) {
            return complete;
        }
        String peerType = mechanism.peerMetadata().getString(Metadata.SOCKET_TYPE);
        if (!profile.accepts(peerType)) {
            sink.accept(Command.error("Invalid socket type"));
            throw new ProtocolException("peer socket type: " + peerType + " (expected: " + profile.sortedPeers() + ")");
        }
        complete = true;
        return true;
    }

    private void send(List<Command> commands) {
        for (Command c : commands) {
            sink.accept(c);
        }
    }

    /** Whether the handshake is complete. */
    public boolean isComplete() {
        return complete;
    }

    /** The peer's greeting, once received. */
    public Greeting peerGreeting() {
        return peerGreeting;
    }

    /** The mechanism. */
    public Mechanism mechanism() {
        return mechanism;
    }

    /** The peer's metadata, once the handshake is complete. */
    public Metadata peerMetadata() {
        return mechanism.peerMetadata();
    }
}
