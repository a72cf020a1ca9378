package dev.zmq4j.zmtp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The data of a ZMTP 3.1 PING command (rfc 37 "Connection Heartbeating"). Immutable.
 *
 * <pre>
 * ping         = command-size %d4 "PING" ping-ttl ping-context
 * ping-ttl     = 2OCTET          ; tenths of a second, network order, 0 = none
 * ping-context = 0*16OCTET       ; echoed in the PONG
 *
 * +-----------------+--------------------------+
 * | ttl (2 bytes BE)| context (0..16 bytes)    |
 * +-----------------+--------------------------+
 * </pre>
 *
 * <p>{@link #decode} refuses data shorter than 2 bytes (no TTL) or longer than 18 (a context over
 * 16 bytes), as the grammar says. libzmq differs on both: it reads a TTL that is not there (past
 * the command) and truncates a longer context to 16 bytes in its PONG.
 *
 * @param ttlDeciseconds the time to live, in tenths of a second (0..65535; 0 = no TTL)
 * @param context        the context to echo, 0..16 bytes (not copied; treat as immutable)
 */
public record Ping(int ttlDeciseconds, byte[] context) {
    /** The largest context, in bytes. */
    public static final int MAX_CONTEXT = 16;
    private static final int TTL_SIZE = 2;

    /** Validates the TTL and the context size. */
    public Ping {
        if (ttlDeciseconds < 0 || ttlDeciseconds > 0xFFFF) {
            throw new IllegalArgumentException("PING ttl: " + ttlDeciseconds + " (expected: 0..65535 deciseconds)");
        }
        if (context.length > MAX_CONTEXT) {
            throw new IllegalArgumentException("PING context size: " + context.length + " (expected: <= " + MAX_CONTEXT + ")");
        }
    }

    /**
     * Parses the data of a PING command.
     *
     * @throws IllegalArgumentException if {@code command} is not a PING (a caller's mistake)
     * @throws ProtocolException        if the data is shorter than the TTL or the context is over 16 bytes
     */
    public static Ping decode(Command command) throws ProtocolException {
        if (!command.name().equals(Command.PING)) {
            throw new IllegalArgumentException("command: " + command.name() + " (expected: " + Command.PING + ")");
        }
        byte[] d = command.data();
        if (d.length < TTL_SIZE || d.length > TTL_SIZE + MAX_CONTEXT) {
            throw new ProtocolException("PING data size: " + d.length + " (expected: " + TTL_SIZE + ".."
                    + (TTL_SIZE + MAX_CONTEXT) + ", a 2-byte TTL and up to " + MAX_CONTEXT + " bytes of context)");
        }
        int ttl = ((d[0] & 0xFF) << 8) | (d[1] & 0xFF);
        return new Ping(ttl, Arrays.copyOfRange(d, TTL_SIZE, d.length));
    }

    /** The TTL in milliseconds (0 = none). */
    public long ttlMillis() {
        return ttlDeciseconds * 100L;
    }

    /** The PING command for the wire. */
    public Command toCommand() {
        byte[] d = new byte[TTL_SIZE + context.length];
        d[0] = (byte) (ttlDeciseconds >>> 8);
        d[1] = (byte) ttlDeciseconds;
        System.arraycopy(context, 0, d, TTL_SIZE, context.length);
        return new Command(Command.PING, d);
    }

    /** The reply: a PONG echoing this PING's context. */
    public Pong pong() {
        return new Pong(context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ping p && p.ttlDeciseconds == ttlDeciseconds && Arrays.equals(p.context, context);
    }

    @Override
    public int hashCode() {
        return 31 * ttlDeciseconds + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "PING ttl=" + ttlDeciseconds + "ds context=" + HexFormat.of().formatHex(context);
    }
}
