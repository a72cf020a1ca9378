package dev.zmq4j.session;

import dev.zmq4j.pipe.PeerProperties;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.Metadata;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The properties a connection's messages carry, made once when its handshake completes. */
final class ConnectionProperties {
    private ConnectionProperties() {
    }

    /**
     * Every READY property as sent (Identity as raw bytes, ISO-8859-1; the rest as UTF-8),
     * Routing-Id, Peer-Address (the IP of a tcp peer), User-Id, and what an authenticator attached.
     */
    static PeerProperties of(Metadata peer, byte[] id, SocketAddress remote, Mechanism m) {
        Map<String, String> props = new LinkedHashMap<>();
        peer.asMap().forEach((k, v) -> props.put(k, new String(v,
                k.equalsIgnoreCase(Metadata.IDENTITY) ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8)));
        if (id.length > 0) {
            props.put(PeerProperties.ROUTING_ID, new String(id, StandardCharsets.ISO_8859_1));
        }
        String address = peerAddress(remote);
        if (!address.isEmpty()) {
            props.put(PeerProperties.PEER_ADDRESS, address);
        }
        if (!m.userId().isEmpty()) {
            props.put(PeerProperties.USER_ID, m.userId());
        }
        m.zapMetadata().asMap().forEach((k, v) -> props.put(k, new String(v, StandardCharsets.UTF_8)));
        return PeerProperties.of(props);
    }

    /** The IP of a tcp peer (Peer-Address, and the address of a ZAP request); empty for others. */
    static String peerAddress(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : "";
    }
}
