package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ROUTER's map between routing ids and pipes. A peer's id is the Identity of its READY when that
 * is not empty, otherwise one generated as libzmq does: five bytes, {@code 0x00} then a 32-bit
 * counter (starting at a random value). Ids stay known for pipes that left until their last
 * message is read, so that message still carries its sender's id.
 *
 * <p>Thread-safe: lookups run under the socket's send or receive lock, registrations from I/O
 * threads or either lock; changes are serialised on the table.
 */
public final class RoutingTable {
    /** A routing id as a map key (content equality). */
    private record Key(byte[] id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(id, k.id);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(id);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(id);
        }
    }

    private final ConcurrentHashMap<Key, Pipe> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Pipe, byte[]> idOf = new ConcurrentHashMap<>();
    private int nextGenerated = ThreadLocalRandom.current().nextInt();

    /** The pipe that {@code id} routes to, or {@code null}. */
    public Pipe pipe(byte[] id) {
        return byId.get(new Key(id));
    }

    /** The routing id of {@code p}, or {@code null} if it has none yet. */
    public byte[] idOf(Pipe p) {
        return idOf.get(p);
    }

    /**
     * Gives {@code p} the routing id {@code id}, or a generated one if {@code id} is empty.
     *
     * @param handover whether a pipe that has the id already gives it up (it gets a generated one)
     * @return {@code false} if the id is taken and {@code handover} is off; {@code p} stays without
     */
    public synchronized boolean register(Pipe p, byte[] id, boolean handover) {
        if (idOf.containsKey(p)) {
            return true;
        }
        if (id.length == 0) {
            id = generate();
        }
        Key k = new Key(id);
        Pipe old = byId.get(k);
        if (old != null) {
            if (!handover) {
                return false;
            }
            byte[] fresh = generate();
            idOf.put(old, fresh);
            byId.put(new Key(fresh), old);
        }
        byId.put(k, p);
        idOf.put(p, id);
        return true;
    }

    /**
     * Stops routing to {@code p}; its id stays known (for messages still to be read from it) until
     * {@link #forget} is called.
     */
    public synchronized void unroute(Pipe p) {
        byte[] id = idOf.get(p);
        if (id != null) {
            byId.remove(new Key(id), p);
        }
    }

    /** Forgets {@code p}'s id altogether. */
    public synchronized void forget(Pipe p) {
        unroute(p);
        idOf.remove(p);
    }

    /** How many peers can be routed to. */
    public int size() {
        return byId.size();
    }

    private byte[] generate() {
        for (;;) {
            int n = nextGenerated++;
            byte[] id = {0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            if (!byId.containsKey(new Key(id))) {
                return id;
            }
        }
    }
}
