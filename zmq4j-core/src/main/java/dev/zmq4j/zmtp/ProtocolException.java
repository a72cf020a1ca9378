package dev.zmq4j.zmtp;

import java.io.IOException;

/**
 * A peer broke the ZMTP protocol or failed the handshake. The connection that raised it must be
 * closed; nothing else is affected. A refusal by the security mechanism (bad credentials, an
 * authenticator's answer) carries its status code ({@link #isRefusal()}); every other instance is a
 * protocol violation.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int refusalCode;

    /** Creates an exception with a message that names the offending value and the expectation. */
    public ProtocolException(String message) {
        this(message, 0);
    }

    private ProtocolException(String message, int refusalCode) {
        super(message);
        this.refusalCode = refusalCode;
    }

    /** The mechanism refused the peer with {@code code} (e.g. ZAP's 400) for {@code reason}. */
    public static ProtocolException refused(int code, String reason) {
        return new ProtocolException("peer refused: " + reason + " (status " + code + ")", code == 0 ? 400 : code);
    }

    /** Whether the mechanism refused the peer (rather than the peer breaking the protocol). */
    public boolean isRefusal() {
        return refusalCode != 0;
    }

    /** The refusal's status code, or 0 for a protocol violation. */
    public int refusalCode() {
        return refusalCode;
    }
}
