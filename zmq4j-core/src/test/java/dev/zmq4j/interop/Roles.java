package dev.zmq4j.interop;

/**
 * The part zmq4j plays against a libzmq peer: which side binds (the other connects) and which side
 * sends (PUSH, the PAIR that sends, REQ) or receives (PULL, the PAIR that receives, REP).
 */
enum Roles {
    ZMQ4J_BINDS_AND_SENDS(true, true),
    ZMQ4J_BINDS_AND_RECEIVES(true, false),
    ZMQ4J_CONNECTS_AND_SENDS(false, true),
    ZMQ4J_CONNECTS_AND_RECEIVES(false, false);

    private final boolean zmq4jBinds;
    private final boolean zmq4jSends;

    Roles(boolean zmq4jBinds, boolean zmq4jSends) {
        this.zmq4jBinds = zmq4jBinds;
        this.zmq4jSends = zmq4jSends;
    }

    boolean zmq4jBinds() {
        return zmq4jBinds;
    }

    boolean zmq4jSends() {
        return zmq4jSends;
    }
}
