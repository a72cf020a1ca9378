package dev.zmq4j.fuzz;

import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameDecoder;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.GreetingReader;
import dev.zmq4j.zmtp.Handshake;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One side of a connection's handshake on byte arrays, as a connection runs it: the greeting
 * ({@link GreetingReader}), command frames ({@link FrameDecoder}, commands only), the
 * {@link Handshake} with its mechanism, and the mechanism's resumption once an asynchronous ZAP
 * answer woke it. What it sends collects in {@link #outbox} (and in {@link #sent}, never reset).
 * Not thread-safe.
 */
public final class HandshakeEndpoint {
    /** The bytes sent and not yet taken by the peer. */
    public final ByteArrayOutputStream outbox = new ByteArrayOutputStream();
    /** Every byte sent. */
    public final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final Handshake handshake;
    private final GreetingReader greeting = new GreetingReader();
    private final FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
    private boolean woken;
    private boolean done;
    private ProtocolException failure;

    /** A side of socket type {@code socketType} whose mechanism {@code factory} makes. */
    public HandshakeEndpoint(MechanismFactory factory, String socketType) {
        Metadata local = Metadata.of(Map.of(Metadata.SOCKET_TYPE, socketType.getBytes(StandardCharsets.US_ASCII)));
        this.handshake = new Handshake(factory, local, () -> woken = true,
                SocketDescriptor.forName(socketType).profile(), c -> send(c.encodeFrame()));
        decoder.limits(false, -1, Handshake.MAX_COMMAND_SIZE);
        handshake.open("192.0.2.1");
        send(handshake.localGreeting().encode());
    }

    private void send(byte[] bytes) {
        outbox.writeBytes(bytes);
        sent.writeBytes(bytes);
    }

    /** Takes what was sent and not yet taken. */
    public byte[] takeOutbox() {
        byte[] b = outbox.toByteArray();
        outbox.reset();
        return b;
    }

    /**
     * Feeds bytes from the peer (nothing once complete or failed).
     *
     * @return whether the handshake is complete
     * @throws ProtocolException as a connection would close on it (remembered: {@link #failure()})
     */
    public boolean feed(ByteBuffer in) throws ProtocolException {
        if (done || failure != null) {
            return done;
        }
        try {
            if (!greeting.isComplete()) {
                Greeting g = greeting.read(in);
                if (g == null) {
                    return false;
                }
                handshake.start(g);
                resume();
            }
            while (!done && in.hasRemaining()) {
                decoder.decode(in, (flags, body) -> {
                    if ((flags & FrameFlags.COMMAND) == 0) {
                        throw new AssertionError("the decoder handed a message frame during the handshake");
                    }
                    done = handshake.onCommand(Command.decode(body));
                    resume();
                    return !done;
                });
            }
            return done;
        } catch (ProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /** Resumes the mechanism if an asynchronous answer woke it (as the connection's loop does). */
    public void resume() throws ProtocolException {
        if (woken && failure == null) {
            woken = false;
            try {
                done = handshake.resume() || done;
            } catch (ProtocolException e) {
                failure = e;
                throw e;
            }
        }
    }

    public boolean isComplete() {
        return done;
    }

    public ProtocolException failure() {
        return failure;
    }

    public Handshake handshake() {
        return handshake;
    }
}
