package dev.zmq4j.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * One side of a connection under test: a {@link Handshake} with an outbox holding what it sent,
 * and the bytes it received after its handshake completed.
 */
final class HandshakePeer {
    final StreamHandshake handshake;
    final ByteArrayOutputStream outbox = new ByteArrayOutputStream();
    final ByteArrayOutputStream afterHandshake = new ByteArrayOutputStream();
    boolean done;

    HandshakePeer(String socketType, String identity) {
        this.handshake = new StreamHandshake(new NullMechanism(Bytes.metadata(socketType, identity)), Bytes.profile(socketType), -1);
        outbox.writeBytes(handshake.greeting());
    }

    /** Moves everything {@code from} has sent so far into this peer, {@code chunk} bytes per feed. */
    void receiveFrom(HandshakePeer from, int chunk) throws ProtocolException {
        byte[] bytes = from.outbox.toByteArray();
        from.outbox.reset();
        for (int off = 0; off < bytes.length; off += chunk) {
            ByteBuffer in = ByteBuffer.wrap(bytes, off, Math.min(chunk, bytes.length - off));
            if (!done) {
                done = handshake.feed(in, outbox::writeBytes);
            }
            if (done) {
                afterHandshake.writeBytes(Bytes.remaining(in));
            } else if (in.hasRemaining()) {
                throw new AssertionError("handshake left " + in.remaining() + " bytes unread before completing");
            }
        }
    }

    /** Exchanges bytes both ways until both handshakes complete; fails if they stall. */
    static void connect(HandshakePeer a, HandshakePeer b, int chunk) throws ProtocolException {
        for (int round = 0; round < 10 && !(a.done && b.done); round++) {
            b.receiveFrom(a, chunk);
            a.receiveFrom(b, chunk);
        }
        if (!(a.done && b.done)) {
            throw new AssertionError("handshake stalled: a.done=" + a.done + " b.done=" + b.done);
        }
    }
}
