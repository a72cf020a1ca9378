package dev.zmq4j.zmtp;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ZMTP connection handshake as a pure state machine: greeting exchange, the mechanism's
 * commands, then the socket-type check. Bytes go in through {@link #feed}; bytes to send come out
 * through the given sink. When {@link #feed} returns {@code true}, the bytes left in the input and
 * everything after them are message frames for {@link #decoder()}.
 *
 * <p>On failure the sink may already hold an ERROR command for the peer; the caller sends it, then
 * closes the connection. Not thread-safe; one instance per connection.
 */
public final class Handshake {
    /** The largest command accepted during or after the handshake. */
    public static final long MAX_COMMAND_SIZE = 1 << 20;

    private enum State { GREETING, COMMANDS, DONE }

    private final Greeting local;
    private final Mechanism mechanism;
    private final String socketType;
    private final FrameDecoder decoder;
    private final byte[] peerGreetingBytes = new byte[Greeting.SIZE];
    private int peerGreetingRead;
    private Greeting peerGreeting;
    private State state = State.GREETING;
    private ProtocolException commandFailure;
    private Consumer<byte[]> sink;

    /**
     * @param mechanism       the security mechanism, already configured
     * @param socketType      our socket type's ZMTP name, e.g. {@code PUSH}
     * @param maxMessageFrame MAXMSGSIZE for the message phase, -1 for no limit
     */
    public Handshake(Mechanism mechanism, String socketType, long maxMessageFrame) {
        this.mechanism = mechanism;
        this.socketType = socketType;
        this.local = Greeting.of(mechanism.name(), mechanism.asServer());
        this.decoder = new FrameDecoder(maxMessageFrame, MAX_COMMAND_SIZE);
        decoder.commandsOnly(true);
    }

    /** The bytes to send as soon as the connection opens: our whole greeting. */
    public byte[] greeting() {
        return local.encode();
    }

    /**
     * Feeds bytes received from the peer.
     *
     * @param in   received bytes; consumed up to the end of the handshake
     * @param sink receives byte arrays to send to the peer, in order
     * @return {@code true} once the handshake is complete
     * @throws ProtocolException if the peer breaks the protocol or is refused
     */
    public boolean feed(ByteBuffer in, Consumer<byte[]> sink) throws ProtocolException {
        this.sink = sink;
        if (state == State.GREETING) {
            int n = Math.min(in.remaining(), Greeting.SIZE - peerGreetingRead);
            in.get(peerGreetingBytes, peerGreetingRead, n);
            peerGreetingRead += n;
            Greeting.checkPrefix(peerGreetingBytes, peerGreetingRead);
            if (peerGreetingRead < Greeting.SIZE) {
                return false;
            }
            peerGreeting = Greeting.decode(peerGreetingBytes);
            if (!peerGreeting.mechanism().equals(mechanism.name())) {
                throw new ProtocolException("peer mechanism: " + peerGreeting.mechanism()
                        + " (expected: " + mechanism.name() + ")");
            }
            state = State.COMMANDS;
            send(mechanism.start(peerGreeting));
        }
        if (state == State.COMMANDS) {
            decoder.decode(in, this::onFrame);
            if (commandFailure != null) {
                throw commandFailure;
            }
        }
        return state == State.DONE;
    }

    private boolean onFrame(int flags, byte[] body) throws ProtocolException {
        if ((flags & FrameFlags.COMMAND) == 0) {
            throw new ProtocolException("message frame during handshake (expected: a command)");
        }
        send(mechanism.onCommand(Command.decode(body)));
        if (!mechanism.isComplete()) {
            return true;
        }
        String peerType = mechanism.peerMetadata().getString(Metadata.SOCKET_TYPE);
        if (!SocketTypes.compatible(socketType, peerType)) {
            String reason = "Invalid socket type";
            send(List.of(Command.error(reason)));
            commandFailure = new ProtocolException("peer socket type: " + peerType
                    + " (expected: " + SocketTypes.validPeers(socketType) + ")");
            return false;
        }
        state = State.DONE;
        decoder.commandsOnly(false);
        return false;
    }

    private void send(List<Command> commands) {
        for (Command c : commands) {
            sink.accept(c.encodeFrame());
        }
    }

    /** The peer's greeting, once received. */
    public Greeting peerGreeting() {
        return peerGreeting;
    }

    /** The peer's metadata, once the handshake is complete. */
    public Metadata peerMetadata() {
        return mechanism.peerMetadata();
    }

    /** The frame decoder to go on with after the handshake. */
    public FrameDecoder decoder() {
        return decoder;
    }
}
