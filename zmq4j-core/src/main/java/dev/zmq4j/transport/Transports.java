package dev.zmq4j.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transports of one context, by scheme. Adding a transport is one {@link Transport}
 * implementation and one entry in the list the context registers. Immutable, thread-safe.
 */
public final class Transports {
    private final Map<String, Transport> byScheme = new LinkedHashMap<>();

    /** @param transports one per scheme */
    public Transports(List<Transport> transports) {
        for (Transport t : transports) {
            if (byScheme.putIfAbsent(t.scheme(), t) != null) {
                throw new IllegalArgumentException("transport scheme: " + t.scheme() + " (expected: registered once)");
            }
        }
    }

    /**
     * Splits {@code endpoint} ({@code scheme://address}) and finds its transport.
     *
     * @throws IllegalArgumentException if the endpoint is malformed or no transport serves its scheme
     */
    public Endpoint resolve(String endpoint) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: null (expected: transport://address)");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: transport://address, e.g. tcp://127.0.0.1:5555)");
        }
        String scheme = endpoint.substring(0, sep);
        Transport t = byScheme.get(scheme);
        if (t == null) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' transport '" + scheme
                    + "' (expected: one of " + String.join(", ", byScheme.keySet()) + ")");
        }
        return new Endpoint(t, endpoint.substring(sep + 3));
    }

    /** An endpoint split into its transport and its address. */
    public record Endpoint(Transport transport, String address) {
    }
}
