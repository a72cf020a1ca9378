package dev.zmq4j.mechanism.curve;

import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;

/**
 * CurveZMQ's MESSAGE command (rfc 26) as a {@link FrameTransform}: once the handshake is done
 * every frame, messages and commands (PING, PONG, SUBSCRIBE, CANCEL) alike, travels boxed under the
 * session key with the sender's next short nonce.
 *
 * <pre>
 * +-------------+-----------------+----------+---------------------------------------------+
 * | \x07MESSAGE | short nonce (8) | tag (16) | ciphertext of: flags (1) + payload           |
 * |             | big-endian      |          | flags: bit 0 MORE, bit 1 COMMAND, 2-7 zero   |
 * +-------------+-----------------+----------+---------------------------------------------+
 * nonce = "CurveZMQMESSAGEC" (from the client) or "CurveZMQMESSAGES" (from the server) + short nonce
 * </pre>
 *
 * <p>As libzmq 4.3 does, the MESSAGE goes out as a plain message frame (no flags: MORE and COMMAND
 * are inside the box); one received with the COMMAND flag is taken as well, one with MORE is not.
 * Each direction has its own counter: ours goes up by one per frame, the peer's must strictly
 * increase (a replayed or reordered box is refused, as is one that does not open). The
 * XSalsa20 sub-key of each direction is computed once ({@link SecretBox}); a frame costs one
 * array, the wire frame or the payload.
 *
 * <p>Not thread-safe: one per connection, used on its I/O thread.
 */
final class CurveTransform implements FrameTransform {
    /** Payload flag: more frames of this message follow. */
    static final int MORE = 0x01;
    /** Payload flag: the frame is a command. */
    static final int COMMAND = 0x02;

    private static final byte[] NAME = ("\u0007" + CurveCommands.MESSAGE).getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_AT = NAME.length;
    private static final int BOX_AT = NONCE_AT + CurveCommands.SHORT_NONCE;
    private static final int TEXT_AT = BOX_AT + SecretBox.TAG;
    /** Name, nonce, tag and flags byte: what a MESSAGE adds to a frame's body. */
    static final int OVERHEAD = TEXT_AT + 1;

    private final SecretBox sending;
    private final SecretBox receiving;
    private final byte[] flags = new byte[1];
    private long nextNonce;
    private long peerNonce;

    /**
     * @param sessionKey the box key of the transient keys (C' and S'); not kept
     * @param client     whether this side is the client (which sets the nonce prefix of each
     *                   direction)
     * @param nextNonce  our next short nonce (after the handshake's)
     * @param peerNonce  the peer's last short nonce (its INITIATE's or READY's)
     */
    CurveTransform(byte[] sessionKey, boolean client, long nextNonce, long peerNonce) {
        byte[] clientPrefix = CurveCommands.CLIENT_MESSAGE_NONCE;
        byte[] serverPrefix = CurveCommands.SERVER_MESSAGE_NONCE;
        this.sending = new SecretBox(sessionKey, client ? clientPrefix : serverPrefix, 0);
        this.receiving = new SecretBox(sessionKey, client ? serverPrefix : clientPrefix, 0);
        this.nextNonce = nextNonce;
        this.peerNonce = peerNonce;
    }

    @Override
    public WireFrame encode(int frameFlags, byte[] body) {
        if (nextNonce == -1L) {
            // rfc 26: no more than 2^64 - 1 commands per connection; never reached in practice.
            throw new IllegalStateException("CURVE short nonce: exhausted (expected: < 2^64 - 1 frames per connection)");
        }
        byte[] wire = new byte[OVERHEAD + body.length];
        System.arraycopy(NAME, 0, wire, 0, NAME.length);
        CurveCommands.putLong(wire, NONCE_AT, nextNonce++);
        flags[0] = (byte) (((frameFlags & FrameFlags.MORE) != 0 ? MORE : 0)
                | ((frameFlags & FrameFlags.COMMAND) != 0 ? COMMAND : 0));
        sending.begin(wire, NONCE_AT);
        sending.encrypt(flags, 0, 1, wire, TEXT_AT);
        sending.encrypt(body, 0, body.length, wire, TEXT_AT + 1);
        sending.finish(wire, BOX_AT);
        return new WireFrame(0, wire);
    }

    @Override
    public WireFrame decode(int frameFlags, byte[] wire) throws ProtocolException {
        if ((frameFlags & FrameFlags.MORE) != 0) {
            throw new ProtocolException("MESSAGE frame flags: MORE (expected: none; MORE travels inside the box)");
        }
        checkName(wire);
        if (wire.length < OVERHEAD) {
            throw new ProtocolException("MESSAGE size: " + wire.length + " (expected: >= " + OVERHEAD + ")");
        }
        long nonce = CurveCommands.getLong(wire, NONCE_AT);
        // A peer numbers its frames one by one (libzmq too): any other nonce means a frame was
        // replayed, reordered or dropped on the way.
        if (nonce != peerNonce + 1 || peerNonce == -1L) {
            throw new ProtocolException("MESSAGE short nonce: " + Long.toUnsignedString(nonce) + " (expected: "
                    + Long.toUnsignedString(peerNonce + 1) + ", the next; a frame was replayed, reordered or dropped)");
        }
        if (!receiving.authenticate(wire, NONCE_AT, wire, BOX_AT, wire.length - BOX_AT)) {
            throw new ProtocolException("MESSAGE box: does not open (expected: boxed by the peer; tampered with or forged)");
        }
        peerNonce = nonce;
        receiving.decrypt(wire, TEXT_AT, 1, flags, 0);
        int f = flags[0] & 0xFF;
        if ((f & ~(MORE | COMMAND)) != 0 || f == (MORE | COMMAND)) {
            throw new ProtocolException("MESSAGE flags: 0x" + String.format("%02x", f)
                    + " (expected: bit 0 MORE or bit 1 COMMAND, not both; bits 2-7 zero)");
        }
        byte[] body = new byte[wire.length - OVERHEAD];
        receiving.decrypt(wire, OVERHEAD, body.length, body, 0);
        return new WireFrame(((f & MORE) != 0 ? FrameFlags.MORE : 0) | ((f & COMMAND) != 0 ? FrameFlags.COMMAND : 0), body);
    }

    private static void checkName(byte[] wire) throws ProtocolException {
        boolean ok = wire.length >= NAME.length;
        for (int i = 0; ok && i < NAME.length; i++) {
            ok = wire[i] == NAME[i];
        }
        if (!ok) {
            throw new ProtocolException("frame after CURVE handshake: " + describe(wire) + " (expected: a MESSAGE command)");
        }
    }

    /** The first bytes of a frame that is not a MESSAGE, printable, for the error message. */
    private static String describe(byte[] wire) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(wire.length, NAME.length); i++) {
            int b = wire[i] & 0xFF;
            sb.append(b >= 0x21 && b <= 0x7E && b != '\\' ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return wire.length == 0 ? "empty" : "'" + sb + (wire.length > NAME.length ? "...'" : "'");
    }

    @Override
    public int overhead() {
        return OVERHEAD;
    }

    @Override
    public String toString() {
        return "CurveTransform{next=" + Long.toUnsignedString(nextNonce) + ", peer=" + Long.toUnsignedString(peerNonce) + "}";
    }
}
