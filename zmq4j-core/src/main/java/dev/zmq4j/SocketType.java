package dev.zmq4j;

/**
 * The ØMQ socket patterns zmq4j implements. Each value names the ZMTP socket type sent to peers.
 */
public enum SocketType {
    /** Exclusive pair: one peer, both directions (libzmq ZMQ_PAIR). */
    PAIR,
    /** Pipeline source: round-robin to connected PULLs, blocks at HWM (ZMQ_PUSH). */
    PUSH,
    /** Pipeline sink: fair-queues from connected PUSHes (ZMQ_PULL). */
    PULL,
    /** Request client: strict send/receive lock-step, one peer per request (ZMQ_REQ). */
    REQ,
    /** Reply server: receives a request, replies to whoever asked (ZMQ_REP). */
    REP;

    /** The name carried in the ZMTP Socket-Type property. */
    public String zmtpName() {
        return name();
    }
}
