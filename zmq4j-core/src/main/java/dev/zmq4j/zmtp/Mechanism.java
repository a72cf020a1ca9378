package dev.zmq4j.zmtp;

import java.util.List;

/**
 * A ZMTP security mechanism (NULL, PLAIN, CURVE): the command exchange after the greeting, then,
 * where the mechanism needs one, a per-frame transform. A pure state machine: it is given the
 * peer's commands and answers with the commands to send; it never touches a socket or a thread.
 *
 * <p>Asynchronous answers (a ZAP reply) arrive on another thread: the mechanism keeps the answer
 * and runs the {@code wake} its {@link MechanismFactory} was given; the connection then calls
 * {@link #resume()} on its own thread, which goes on from there.
 *
 * <p>Not thread-safe; one instance per connection, used on its I/O thread (except the hand-off
 * of an asynchronous answer, which the mechanism makes safe).
 */
public interface Mechanism {
    /** The name carried in the greeting, e.g. {@code NULL}. */
    String name();

    /** Whether this side is the mechanism's server (the greeting's as-server field). */
    boolean asServer();

    /**
     * Called once both greetings are exchanged.
     *
     * @return the commands to send first (may be empty if this side waits)
     * @throws ProtocolException if the peer's greeting does not suit the mechanism (e.g. both
     *                           sides claim the server role)
     */
    List<Command> start(Greeting peer) throws ProtocolException;

    /**
     * Handles one command from the peer.
     *
     * @return the commands to send in reply (may be empty); the status may have changed
     * @throws ProtocolException if the command is unexpected or malformed
     */
    List<Command> onCommand(Command command) throws ProtocolException;

    /**
     * Goes on after an asynchronous answer arrived (see the class comment).
     *
     * @return the commands to send (may be empty); the status may have changed
     */
    default List<Command> resume() throws ProtocolException {
        return List.of();
    }

    /** Where the handshake stands. */
    MechanismStatus status();

    /** The metadata the peer sent; valid once the status is READY. */
    Metadata peerMetadata();

    /** The user id established for the peer (PLAIN's user name, a ZAP handler's answer), or empty. */
    default String userId() {
        return "";
    }

    /** The properties an authenticator attached to the peer (ZAP metadata), or empty. */
    default Metadata zapMetadata() {
        return Metadata.empty();
    }

    /** The per-frame transform to install once READY, or {@code null} for none (NULL, PLAIN). */
    default FrameTransform transform() {
        return null;
    }
}
