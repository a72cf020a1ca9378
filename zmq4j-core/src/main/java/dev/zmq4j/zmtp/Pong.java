package dev.zmq4j.zmtp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The data of a ZMTP 3.1 PONG command (rfc 37 "Connection Heartbeating"): the reply to a
 * {@link Ping}, echoing its context. Immutable.
 *
 * <pre>
 * pong         = command-size %d4 "PONG" ping-context
 * ping-context = 0*16OCTET
 *
 * +--------------------------+
 * | context (0..16 bytes)    |
 * +--------------------------+
 * </pre>
 *
 * <p>{@link #decode} refuses a context over 16 bytes ("MUST not exceed 16 octets"); libzmq does not
 * read a PONG's data at all.
 *
 * @param context the echoed context, 0..16 bytes (not copied; treat as immutable)
 */
public record Pong(byte[] context) {
    /** Validates the context size. */
    public Pong {
        if (context.length > Ping.MAX_CONTEXT) {
            throw new IllegalArgumentException("PONG context size: " + context.length
                    + " (expected: <= " + Ping.MAX_CONTEXT + ")");
        }
    }

    /**
     * Parses the data of a PONG command.
     *
     * @throws IllegalArgumentException if {@code command} is not a PONG (a caller's mistake)
     * @throws ProtocolException        if the context is over 16 bytes
     */
    public static Pong decode(Command command) throws ProtocolException {
        if (!command.name().equals(Command.PONG)) {
            throw new IllegalArgumentException("command: " + command.name() + " (expected: " + Command.PONG + ")");
        }
        byte[] d = command.data();
        if (d.length > Ping.MAX_CONTEXT) {
            throw new ProtocolException("PONG context size: " + d.length + " (expected: <= " + Ping.MAX_CONTEXT + ")");
        }
        return new Pong(d.clone());
    }

    /** The PONG command for the wire. */
    public Command toCommand() {
        return new Command(Command.PONG, context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pong p && Arrays.equals(p.context, context);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "PONG context=" + HexFormat.of().formatHex(context);
    }
}
