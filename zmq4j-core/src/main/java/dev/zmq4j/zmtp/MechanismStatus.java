package dev.zmq4j.zmtp;

/**
 * Where a {@link Mechanism}'s handshake stands: still handshaking, ready for messages, or failed
 * (the peer was refused: bad credentials, an authenticator's refusal). A protocol violation is not
 * a status: it is thrown as {@link ProtocolException}. Immutable.
 *
 * @param state     the state
 * @param errorCode for {@link State#FAILED}: the status code (ZAP's 300, 400, 500), else 0
 * @param reason    for {@link State#FAILED}: why, else {@code null}
 */
public record MechanismStatus(State state, int errorCode, String reason) {
    /** The states of a handshake. */
    public enum State {
        /** Commands are still to be exchanged (or an asynchronous answer is awaited). */
        HANDSHAKING,
        /** The handshake is complete: messages may flow. */
        READY,
        /** The peer was refused. */
        FAILED
    }

    /** Still handshaking. */
    public static final MechanismStatus HANDSHAKING = new MechanismStatus(State.HANDSHAKING, 0, null);
    /** Ready for messages. */
    public static final MechanismStatus READY = new MechanismStatus(State.READY, 0, null);

    /** The peer was refused with {@code errorCode} (e.g. ZAP's 400) for {@code reason}. */
    public static MechanismStatus failed(int errorCode, String reason) {
        return new MechanismStatus(State.FAILED, errorCode, reason);
    }
}
