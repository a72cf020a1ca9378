package dev.zmq4j.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which messages were logged, so a client that retries every second is logged once,
 * not once per retry. Bounded: past {@value #CAPACITY} distinct messages the oldest is forgotten
 * (and would be logged again), so a flood of distinct addresses costs no more than that.
 *
 * <p>Thread-safe.
 */
final class OnceLog {
    static final int CAPACITY = 4096;

    private final Map<String, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Whether {@code key} is new: true the first time, false while it is remembered. */
    synchronized boolean first(String key) {
        return seen.put(key, Boolean.TRUE) == null;
    }

    /** Forgets everything (after a policy change, the same refusal is news again). */
    synchronized void clear() {
        seen.clear();
    }
}
