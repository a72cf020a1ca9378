package dev.zmq4j.patterns.bstar;

/**
 * The events that drive a Binary Star server's state machine: the peer announced a state, or a
 * client request arrived.
 *
 * <p><b>Thread-safety:</b> an enum of immutable values.
 */
public enum Event {
    /** The peer says it is starting as the primary. */
    PEER_PRIMARY,
    /** The peer says it is starting as the backup. */
    PEER_BACKUP,
    /** The peer says it is active. */
    PEER_ACTIVE,
    /** The peer says it is passive. */
    PEER_PASSIVE,
    /** A client sent a request to this server. */
    CLIENT_REQUEST
}
