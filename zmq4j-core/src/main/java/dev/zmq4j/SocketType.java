package dev.zmq4j;

import dev.zmq4j.pattern.SocketDescriptor;

/**
 * The ØMQ socket patterns zmq4j implements. Each value names the ZMTP socket type sent to peers;
 * what differs between types (peers, directions, readiness, options) is in its descriptor.
 */
public enum SocketType {
    /** Exclusive pair: one peer, both directions (libzmq ZMQ_PAIR). */
    PAIR(SocketDescriptor.PAIR),
    /** Pipeline source: round-robin to connected PULLs, blocks at HWM (ZMQ_PUSH). */
    PUSH(SocketDescriptor.PUSH),
    /** Pipeline sink: fair-queues from connected PUSHes (ZMQ_PULL). */
    PULL(SocketDescriptor.PULL),
    /** Request client: strict send/receive lock-step, one peer per request (ZMQ_REQ). */
    REQ(SocketDescriptor.REQ),
    /** Reply server: receives a request, replies to whoever asked (ZMQ_REP). */
    REP(SocketDescriptor.REP),
    /** Asynchronous request: round-robin out, fair-queued in, no lock-step (ZMQ_DEALER). */
    DEALER(SocketDescriptor.DEALER),
    /** Asynchronous reply: each received message is prefixed with the sender's routing id, and
     *  each sent message goes to the peer its first frame names (ZMQ_ROUTER). */
    ROUTER(SocketDescriptor.ROUTER),
    /** Publisher: every message to every subscriber whose subscription prefixes it; drops at HWM (ZMQ_PUB). */
    PUB(SocketDescriptor.PUB),
    /** Subscriber: receives what matches its subscriptions ({@link Option#SUBSCRIBE}) (ZMQ_SUB). */
    SUB(SocketDescriptor.SUB),
    /** Publisher that also receives the subscriptions as messages (ZMQ_XPUB). */
    XPUB(SocketDescriptor.XPUB),
    /** Subscriber that sends its subscriptions as messages {@code 0x01topic} / {@code 0x00topic} (ZMQ_XSUB). */
    XSUB(SocketDescriptor.XSUB);

    private final SocketDescriptor descriptor;

    SocketType(SocketDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    /** {@return the name carried in the ZMTP Socket-Type property} */
    public String zmtpName() {
        return descriptor.name();
    }

    /** {@return whether a socket of this type can send (PULL and SUB cannot)} */
    public boolean canSend() {
        return descriptor.sends();
    }

    /** {@return whether a socket of this type can receive (PUSH and PUB cannot)} */
    public boolean canReceive() {
        return descriptor.receives();
    }

    /** {@return the peer types a socket of this type talks to} */
    public java.util.Set<SocketType> peers() {
        java.util.EnumSet<SocketType> out = java.util.EnumSet.noneOf(SocketType.class);
        for (SocketType t : values()) {
            if (descriptor.profile().accepts(t.zmtpName())) {
                out.add(t);
            }
        }
        return out;
    }

    SocketDescriptor descriptor() {
        return descriptor;
    }
}
