package dev.zmq4j.zmtp;

import java.util.List;
import java.util.Set;

/**
 * What ZMTP needs to know of a socket type: its name on the wire (the READY Socket-Type), the
 * peer types it accepts, whether its READY carries an Identity, and its part in subscriptions.
 * Immutable; one per socket type, held by that type's descriptor.
 *
 * @param name          the Socket-Type property, e.g. {@code PUSH}
 * @param peers         the peer Socket-Types it accepts (rfc 37's compatibility table)
 * @param sendsIdentity whether READY carries the socket's routing id as Identity (REQ, DEALER, ROUTER)
 * @param subscriptions its part in subscriptions: a publisher turns SUBSCRIBE/CANCEL commands into
 *                      subscription messages, a subscriber sends its subscription messages as those
 *                      commands to ZMTP 3.1 peers
 */
public record SocketProfile(String name, Set<String> peers, boolean sendsIdentity, Subscriptions subscriptions) {
    /** A socket type's part in subscriptions. */
    public enum Subscriptions {
        /** Neither publishes nor subscribes. */
        NONE,
        /** PUB, XPUB: takes SUBSCRIBE/CANCEL from its peers. */
        PUBLISHER,
        /** SUB, XSUB: sends SUBSCRIBE/CANCEL to its peers. */
        SUBSCRIBER
    }

    /** Copies {@code peers}. */
    public SocketProfile {
        peers = Set.copyOf(peers);
    }

    /** Whether a socket of this type accepts a peer whose Socket-Type is {@code peerType}. */
    public boolean accepts(String peerType) {
        return peerType != null && peers.contains(peerType);
    }

    /** The accepted peer types, sorted, for messages: e.g. {@code [PULL]}. */
    public List<String> sortedPeers() {
        return peers.stream().sorted().toList();
    }
}
