package dev.zmq4j.zmtp;

import java.util.List;

/**
 * A ZMTP security mechanism: the command exchange that follows the greeting. NULL is here; PLAIN
 * and CURVE implement the same interface, so the {@link Handshake} does not change when they come.
 *
 * <p>A mechanism is a pure state machine: it is given the peer's commands and answers with the
 * commands to send. Not thread-safe; one instance per connection.
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
     */
    List<Command> start(Greeting peer) throws ProtocolException;

    /**
     * Handles one command from the peer.
     *
     * @return the commands to send in reply (may be empty)
     * @throws ProtocolException if the command is unexpected, malformed or refused
     */
    List<Command> onCommand(Command command) throws ProtocolException;

    /** Whether the handshake is complete, so that messages may flow. */
    boolean isComplete();

    /** The metadata the peer sent; valid once {@link #isComplete()}. */
    Metadata peerMetadata();
}
