package dev.zmq4j.patterns.directory;

import java.util.Objects;

/**
 * A change in a {@link ServiceDirectory}: an endpoint of a service was added or removed.
 *
 * @param type     added or removed
 * @param name     the service's name
 * @param endpoint the endpoint that came or went
 */
public record ServiceEvent(Type type, String name, String endpoint) {
    /** What changed. */
    public enum Type {
        /** A service's endpoint was heard for the first time (or again after it was removed). */
        ADDED,
        /** A service's endpoint was withdrawn, or not heard within the timeout. */
        REMOVED
    }

    /**
     * Checks that no field is null.
     *
     * @param type     added or removed
     * @param name     the service's name
     * @param endpoint the endpoint that came or went
     * @throws NullPointerException if one is null
     */
    public ServiceEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
    }
}
