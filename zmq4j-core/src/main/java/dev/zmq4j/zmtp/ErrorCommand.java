package dev.zmq4j.zmtp;

/**
 * The data of an ERROR command (rfc 37 "The NULL Security Mechanism"; PLAIN and CURVE use the same
 * command): the peer refuses the handshake and says why. Immutable.
 *
 * <pre>
 * error        = command-size %d5 "ERROR" error-reason
 * error-reason = short-size 0*255VCHAR
 *
 * +-------------+---------------------------+
 * | reason-size | reason (reason-size bytes)|
 * | (1 byte)    |                           |
 * +-------------+---------------------------+
 * </pre>
 *
 * <p>{@link #decode} is strict where the grammar is exact: the data must be the size byte and
 * exactly that many bytes (libzmq refuses a size past the data too, but ignores bytes after the
 * reason). The reason's characters are not checked: it "has no defined semantic value" and is only
 * logged, and implementations (ours included) send spaces, which VCHAR leaves out; bytes outside
 * printable ASCII are shown as {@code \xNN}, so that a peer cannot write control characters into
 * our log.
 *
 * @param reason the reason, printable ASCII (see above)
 */
public record ErrorCommand(String reason) {
    /** The longest reason on the wire, in bytes. */
    public static final int MAX_REASON = 255;

    /**
     * Parses the data of an ERROR command.
     *
     * @throws IllegalArgumentException if {@code command} is not an ERROR (a caller's mistake)
     * @throws ProtocolException        if the reason size does not match the data
     */
    public static ErrorCommand decode(Command command) throws ProtocolException {
        if (!command.name().equals(Command.ERROR)) {
            throw new IllegalArgumentException("command: " + command.name() + " (expected: " + Command.ERROR + ")");
        }
        byte[] d = command.data();
        if (d.length == 0) {
            throw new ProtocolException("ERROR data size: 0 (expected: 1..256, a reason size and the reason)");
        }
        int size = d[0] & 0xFF;
        if (size != d.length - 1) {
            throw new ProtocolException("ERROR reason size: " + size + " (expected: " + (d.length - 1)
                    + ", the bytes that follow it)");
        }
        return new ErrorCommand(printable(d, 1, size));
    }

    /** The ERROR command carrying this reason, cut to {@value #MAX_REASON} bytes of UTF-8. */
    public Command toCommand() {
        return Command.error(reason);
    }

    /** {@code bytes[from .. from + length)} as ASCII, with bytes outside 0x20..0x7e as {@code \xNN}. */
    static String printable(byte[] bytes, int from, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b <= 0x7E && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(Greeting.hex(bytes[i]));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "ERROR " + reason;
    }

    /**
     * What a client makes of the server's ERROR during the handshake: a refusal with the ZAP status
     * code when the reason is one (libzmq sends "300", "400" or "500").
     *
     * @throws ProtocolException for any other reason (the handshake failed, not an authentication)
     */
    public static MechanismStatus refusal(Command error) throws ProtocolException {
        String reason = decode(error).reason();
        if (!reason.matches("[345][0-9][0-9]")) {
            throw new ProtocolException("peer sent ERROR: " + reason);
        }
        return MechanismStatus.failed(Integer.parseInt(reason), "peer sent ERROR " + reason);
    }
}
