package dev.zmq4j.patterns.beacon;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers a beacon knows: a peer is a sender address and port with a payload key, last seen at
 * some time. Turns received beacons into {@link BeaconEvent.Type#APPEARED}/{@code VANISHED} events.
 *
 * <p>Not thread-safe: used by the beacon's loop thread only.
 */
final class PeerTable {
    private record Key(InetSocketAddress sender, ByteBuffer key) {
    }

    private static final class Peer {
        byte[] payload;
        long lastSeenNanos;

        Peer(byte[] payload, long lastSeenNanos) {
            this.payload = payload;
            this.lastSeenNanos = lastSeenNanos;
        }
    }

    private final Map<Key, Peer> peers = new LinkedHashMap<>();

    /**
     * Records a beacon. Returns {@code APPEARED} for a peer not known, {@code VANISHED} for a known
     * peer whose beacon says it leaves, otherwise null (a known peer refreshed, or a leaving beacon
     * from a peer never seen).
     */
    BeaconEvent seen(InetSocketAddress sender, byte[] key, byte[] payload, boolean leaving, long nowNanos) {
        Key k = new Key(sender, ByteBuffer.wrap(key));
        Peer peer = peers.get(k);
        if (leaving) {
            if (peer == null) {
                return null;
            }
            peers.remove(k);
            return new BeaconEvent(BeaconEvent.Type.VANISHED, sender, payload);
        }
        if (peer == null) {
            peers.put(k, new Peer(payload, nowNanos));
            return new BeaconEvent(BeaconEvent.Type.APPEARED, sender, payload);
        }
        peer.payload = payload;
        peer.lastSeenNanos = nowNanos;
        return null;
    }

    /** Removes the peers not seen for longer than {@code timeoutNanos}; returns their VANISHED events. */
    List<BeaconEvent> expire(long nowNanos, long timeoutNanos) {
        List<BeaconEvent> gone = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Peer>> it = peers.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Peer> e = it.next();
            if (nowNanos - e.getValue().lastSeenNanos > timeoutNanos) {
                it.remove();
                gone.add(new BeaconEvent(BeaconEvent.Type.VANISHED, e.getKey().sender(), e.getValue().payload));
            }
        }
        return gone;
    }

    int size() {
        return peers.size();
    }
}
