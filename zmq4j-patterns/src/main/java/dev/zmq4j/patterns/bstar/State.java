package dev.zmq4j.patterns.bstar;

/**
 * The states of a Binary Star server (zguide chapter 4, "High-Availability Pair"). A server starts
 * as {@link #PRIMARY} or {@link #BACKUP} (its configured role) and moves to {@link #ACTIVE} (it
 * serves clients) or {@link #PASSIVE} (it watches its peer). Each server publishes its state to the
 * other every heartbeat as the state's {@link #code()} in ASCII decimal, one frame, as the zguide's
 * {@code bstar} servers do:
 *
 * <pre>
 *   +-----+
 *   | "3" |   ACTIVE (1 PRIMARY, 2 BACKUP, 3 ACTIVE, 4 PASSIVE)
 *   +-----+
 * </pre>
 *
 * <p><b>Thread-safety:</b> an enum of immutable values.
 */
public enum State {
    /** Starting as the primary: waits to hear the backup, or a client once the backup is known silent. */
    PRIMARY(1),
    /** Starting as the backup: waits for the primary to become active; never serves from here. */
    BACKUP(2),
    /** Serving client requests. At most one of the pair may be active. */
    ACTIVE(3),
    /** Not serving; takes over if the active peer goes silent and a client asks this server. */
    PASSIVE(4);

    private final int code;

    State(int code) {
        this.code = code;
    }

    /** {@return the state's number on the wire} */
    public int code() {
        return code;
    }

    /**
     * {@return the state whose {@link #code()} is {@code code}, or {@code null}}
     *
     * @param code a state's code, as published to the peer
     */
    public static State ofCode(int code) {
        for (State s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** The event a server sees when its peer announces this state. */
    Event asPeerEvent() {
        return switch (this) {
            case PRIMARY -> Event.PEER_PRIMARY;
            case BACKUP -> Event.PEER_BACKUP;
            case ACTIVE -> Event.PEER_ACTIVE;
            case PASSIVE -> Event.PEER_PASSIVE;
        };
    }
}
