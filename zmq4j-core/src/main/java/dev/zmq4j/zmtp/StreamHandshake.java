package dev.zmq4j.zmtp;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The handshake as a byte stream carries it, on byte arrays: the greeting ({@link GreetingReader}),
 * then command frames ({@link FrameDecoder}, message frames refused) into a {@link Handshake}. What
 * is left in the input after the handshake belongs to the message decoder, {@link #decoder()}.
 * For raw peers (tests, benchmarks) and for reading the wire protocol in one place; connections
 * run the same steps through their framing and session. Not thread-safe.
 */
public final class StreamHandshake {
    private final Handshake handshake;
    private final GreetingReader greeting = new GreetingReader();
    private final FrameDecoder decoder;
    private final long maxMessageFrame;
    private Consumer<byte[]> sink;
    private boolean done;

    /**
     * @param mechanism       the security mechanism, already configured
     * @param profile         our socket type
     * @param maxMessageFrame MAXMSGSIZE for the message phase, -1 for no limit
     */
    public StreamHandshake(Mechanism mechanism, SocketProfile profile, long maxMessageFrame) {
        this.handshake = new Handshake(mechanism, profile, c -> sink.accept(c.encodeFrame()));
        this.maxMessageFrame = maxMessageFrame;
        this.decoder = new FrameDecoder(maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
        decoder.limits(false, maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
    }

    /** Our greeting, to send first. */
    public byte[] greeting() {
        return handshake.localGreeting().encode();
    }

    /**
     * Feeds bytes received from the peer; frames to send go to {@code sink}, in order.
     *
     * @return {@code true} once the handshake is complete; the bytes after it are left in {@code in}
     * @throws ProtocolException if the peer breaks the protocol or is refused
     */
    public boolean feed(ByteBuffer in, Consumer<byte[]> sink) throws ProtocolException {
        this.sink = sink;
        if (!greeting.isComplete()) {
            Greeting g = greeting.read(in);
            if (g == null) {
                return false;
            }
            handshake.start(g);
        }
        if (!done) {
            decoder.decode(in, (flags, body) -> {
                if ((flags & FrameFlags.COMMAND) == 0) {
                    throw new ProtocolException("message frame during handshake (expected: a command)");
                }
                done = handshake.onCommand(Command.decode(body));
                return !done;
            });
            if (done) {
                decoder.limits(true, maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
            }
        }
        return done;
    }

    /** The peer's greeting, once received. */
    public Greeting peerGreeting() {
        return handshake.peerGreeting();
    }

    /** The peer's metadata, once the handshake is complete. */
    public Metadata peerMetadata() {
        return handshake.peerMetadata();
    }

    /** The frame decoder to go on with after the handshake. */
    public FrameDecoder decoder() {
        return decoder;
    }
}
