package dev.zmq4j.patterns.bstar;

/**
 * The Binary Star finite state machine (zguide chapter 4, figure "Binary Star Finite State
 * Machine"), pure: no sockets, no clock. The caller says whether the peer has expired (nothing
 * heard from it for two heartbeats).
 *
 * <pre>
 *   state    event            peer expired   next      client request
 *   PRIMARY  PEER_BACKUP      -              ACTIVE
 *   PRIMARY  PEER_ACTIVE      -              PASSIVE
 *   PRIMARY  PEER_PRIMARY     -              fatal: both are primary
 *   PRIMARY  CLIENT_REQUEST   yes            ACTIVE    handled
 *   PRIMARY  CLIENT_REQUEST   no             PRIMARY   dropped (the backup may be active)
 *   BACKUP   PEER_ACTIVE      -              PASSIVE
 *   BACKUP   PEER_BACKUP      -              fatal: both are backup
 *   BACKUP   CLIENT_REQUEST   -              BACKUP    dropped
 *   ACTIVE   PEER_ACTIVE      -              fatal: dual active (split brain)
 *   ACTIVE   CLIENT_REQUEST   -              ACTIVE    handled
 *   PASSIVE  PEER_PRIMARY     -              ACTIVE    (the peer restarts)
 *   PASSIVE  PEER_BACKUP      -              ACTIVE    (the peer restarts)
 *   PASSIVE  PEER_PASSIVE     -              fatal: dual passive
 *   PASSIVE  CLIENT_REQUEST   yes            ACTIVE    handled (failover: the client's vote)
 *   PASSIVE  CLIENT_REQUEST   no             PASSIVE   dropped
 *   any other pair                           unchanged
 * </pre>
 *
 * <p><b>Thread-safety:</b> not thread-safe; {@link BinaryStar} serialises its calls.
 */
final class StateMachine {
    /**
     * What one event did.
     *
     * @param from     the state before
     * @param to       the state after (the same as {@code from} after a fatal error)
     * @param accepted for {@link Event#CLIENT_REQUEST}: whether the request may be handled
     * @param fatal    the reason of a fatal error, or {@code null}
     */
    record Outcome(State from, State to, boolean accepted, String fatal) {
        boolean changed() {
            return from != to;
        }
    }

    private State state;

    StateMachine(State initial) {
        if (initial != State.PRIMARY && initial != State.BACKUP) {
            throw new IllegalArgumentException("initial: " + initial + " (expected: PRIMARY or BACKUP)");
        }
        this.state = initial;
    }

    State state() {
        return state;
    }

    Outcome on(Event event, boolean peerExpired) {
        State from = state;
        State to = from;
        boolean accepted = false;
        String fatal = null;
        switch (from) {
            case PRIMARY -> {
                switch (event) {
                    case PEER_BACKUP -> to = State.ACTIVE;
                    case PEER_ACTIVE -> to = State.PASSIVE;
                    case PEER_PRIMARY -> fatal = "both servers are configured as primary";
                    case CLIENT_REQUEST -> {
                        accepted = peerExpired;
                        to = peerExpired ? State.ACTIVE : State.PRIMARY;
                    }
                    default -> { }
                }
            }
            case BACKUP -> {
                switch (event) {
                    case PEER_ACTIVE -> to = State.PASSIVE;
                    case PEER_BACKUP -> fatal = "both servers are configured as backup";
                    default -> { }
                }
            }
            case ACTIVE -> {
                switch (event) {
                    case PEER_ACTIVE -> fatal = "dual active: both servers are active (split brain)";
                    case CLIENT_REQUEST -> accepted = true;
                    default -> { }
                }
            }
            case PASSIVE -> {
                switch (event) {
                    case PEER_PRIMARY, PEER_BACKUP -> to = State.ACTIVE;
                    case PEER_PASSIVE -> fatal = "dual passive: both servers are passive";
                    case CLIENT_REQUEST -> {
                        accepted = peerExpired;
                        to = peerExpired ? State.ACTIVE : State.PASSIVE;
                    }
                    default -> { }
                }
            }
            default -> throw new IllegalStateException("state: " + from);
        }
        state = to;
        return new Outcome(from, to, accepted, fatal);
    }
}
