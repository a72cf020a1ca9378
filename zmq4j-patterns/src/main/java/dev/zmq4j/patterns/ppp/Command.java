package dev.zmq4j.patterns.ppp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;

/**
 * The two control commands of the Paranoid Pirate Protocol (RFC 6, PPP), each a one-part message
 * of a single byte:
 *
 * <pre>
 *   READY     +------+        HEARTBEAT  +------+
 *   (worker)  | 0x01 |        (either)   | 0x02 |
 *             +------+                   +------+
 * </pre>
 *
 * <p>Every other message is a REQUEST (queue to worker) or a REPLY (worker to queue): an address
 * stack ending in an empty delimiter frame, then one or more content frames. On the queue's
 * ROUTER a message arrives with the worker's routing id in front; what follows it is matched
 * here.
 *
 * <p><b>Thread-safety:</b> an enum of immutable values.
 */
public enum Command {
    /** {@code 0x01}: a worker starts (or restarts) a conversation and is ready for requests. */
    READY((byte) 0x01),
    /** {@code 0x02}: either peer says it is alive. */
    HEARTBEAT((byte) 0x02);

    private final byte code;
    private final Message message;

    Command(byte code) {
        this.code = code;
        this.message = Message.of(Frame.wrap(new byte[] {code}));
    }

    /** {@return the command's byte on the wire} */
    public byte code() {
        return code;
    }

    /** {@return the one-frame message that carries the command} */
    public Message message() {
        return message;
    }

    /**
     * The command carried by {@code frames[from..]} if that is exactly one frame of one known
     * byte, else {@code null} (a request, a reply, or something malformed).
     *
     * @param message a message
     * @param from    the index of the frame after the envelope
     * @return the command, or {@code null}
     */
    public static Command parse(Message message, int from) {
        if (message.size() - from != 1) {
            return null;
        }
        Frame f = message.frame(from);
        if (f.size() != 1) {
            return null;
        }
        byte b = f.byteAt(0);
        for (Command c : values()) {
            if (c.code == b) {
                return c;
            }
        }
        return null;
    }
}
