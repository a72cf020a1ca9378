package dev.zmq4j.pipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties of one peer connection, as its received messages answer them (libzmq's
 * {@code zmq_msg_gets}): {@code Socket-Type}, {@code Routing-Id} (where the peer sent an Identity),
 * {@code Peer-Address}, {@code User-Id} (where a mechanism set one) and the peer's application
 * properties ({@code X-*}). Made once per connection and shared by reference by every message
 * received on it. Names are matched ignoring case. Immutable, thread-safe.
 */
public final class PeerProperties {
    /** The peer's socket type. */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** The peer's routing id (its READY Identity), as text (ISO-8859-1, byte for byte). */
    public static final String ROUTING_ID = "Routing-Id";
    /** The peer's address: the remote IP for tcp. */
    public static final String PEER_ADDRESS = "Peer-Address";
    /** The user id a security mechanism established for the peer. */
    public static final String USER_ID = "User-Id";

    private static final PeerProperties NONE = new PeerProperties(Map.of());
    private final Map<String, String> properties;

    private PeerProperties(Map<String, String> properties) {
        this.properties = properties;
    }

    /** No properties. */
    public static PeerProperties none() {
        return NONE;
    }

    /** The given properties (copied), in order. */
    public static PeerProperties of(Map<String, String> properties) {
        return new PeerProperties(Collections.unmodifiableMap(new LinkedHashMap<>(properties)));
    }

    /** The value of {@code name}, matched ignoring case, or {@code null}. */
    public String get(String name) {
        String v = properties.get(name);
        if (v != null) {
            return v;
        }
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Every property, in order. */
    public Map<String, String> asMap() {
        return properties;
    }

    @Override
    public String toString() {
        return properties.toString();
    }
}
