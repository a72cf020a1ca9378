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
    REP,
    /** Asynchronous request: round-robin out, fair-queued in, no lock-step (ZMQ_DEALER). */
    DEALER,
    /** Asynchronous reply: each received message is prefixed with the sender's routing id, and
     *  each sent message goes to the peer its first frame names (ZMQ_ROUTER). */
    ROUTER,
    /** Publisher: every message to every subscriber whose subscription prefixes it; drops at HWM (ZMQ_PUB). */
    PUB,
    /** Subscriber: receives what matches its subscriptions ({@link Option#SUBSCRIBE}) (ZMQ_SUB). */
    SUB,
    /** Publisher that also receives the subscriptions as messages (ZMQ_XPUB). */
    XPUB,
    /** Subscriber that sends its subscriptions as messages {@code 0x01topic} / {@code 0x00topic} (ZMQ_XSUB). */
    XSUB;

    /** The name carried in the ZMTP Socket-Type property. */
    public String zmtpName() {
        return name();
    }
}
