package dev.zmq4j.zmtp;

import dev.zmq4j.pattern.SocketDescriptor;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The handshake as a stream transport runs it, on byte arrays: the greeting ({@link GreetingReader}),
 * then command frames ({@link FrameDecoder}, messages refused) into a {@link Handshake}. What is
 * left in the input after the handshake belongs to the message decoder, {@link #decoder()}.
 */
final class StreamHandshake {
    private final Handshake handshake;
    private final GreetingReader greeting = new GreetingReader();
    private final FrameDecoder decoder;
    private final long maxMessageFrame;
    private Consumer<byte[]> sink;
    private boolean done;

    StreamHandshake(Mechanism mechanism, String socketType, long maxMessageFrame) {
        this.handshake = new Handshake(mechanism, SocketDescriptor.forName(socketType).profile(), c -> sink.accept(c.encodeFrame()));
        this.maxMessageFrame = maxMessageFrame;
        this.decoder = new FrameDecoder(maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
        decoder.limits(false, maxMessageFrame, Handshake.MAX_COMMAND_SIZE);
    }

    byte[] greeting() {
        return handshake.localGreeting().encode();
    }

    /** Feeds bytes; {@code true} once the handshake is complete (the rest of {@code in} is left). */
    boolean feed(ByteBuffer in, Consumer<byte[]> sink) throws ProtocolException {
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

    Greeting peerGreeting() {
        return handshake.peerGreeting();
    }

    Metadata peerMetadata() {
        return handshake.peerMetadata();
    }

    FrameDecoder decoder() {
        return decoder;
    }
}
