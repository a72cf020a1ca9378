package dev.zmq4j.zmtp;

import java.util.Map;
import java.util.Set;

/**
 * Which socket types may talk to which, as ZMTP 3.x names them in the Socket-Type property.
 */
public final class SocketTypes {
    private static final Map<String, Set<String>> VALID_PEERS = Map.ofEntries(
            Map.entry("PAIR", Set.of("PAIR")),
            Map.entry("PUB", Set.of("SUB", "XSUB")),
            Map.entry("SUB", Set.of("PUB", "XPUB")),
            Map.entry("XPUB", Set.of("SUB", "XSUB")),
            Map.entry("XSUB", Set.of("PUB", "XPUB")),
            Map.entry("REQ", Set.of("REP", "ROUTER")),
            Map.entry("REP", Set.of("REQ", "DEALER")),
            Map.entry("DEALER", Set.of("REP", "DEALER", "ROUTER")),
            Map.entry("ROUTER", Set.of("REQ", "DEALER", "ROUTER")),
            Map.entry("PUSH", Set.of("PULL")),
            Map.entry("PULL", Set.of("PUSH")));

    private SocketTypes() {
    }

    /** The peer types a socket of type {@code ours} accepts, sorted, e.g. {@code [PULL]}. */
    public static java.util.List<String> validPeers(String ours) {
        return VALID_PEERS.getOrDefault(ours, Set.of()).stream().sorted().toList();
    }

    /** Whether a socket of type {@code ours} accepts a peer of type {@code theirs}. */
    public static boolean compatible(String ours, String theirs) {
        Set<String> peers = VALID_PEERS.get(ours);
        return peers != null && theirs != null && peers.contains(theirs);
    }
}
