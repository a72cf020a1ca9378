package dev.zmq4j.patterns.beacon;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A peer seen by a {@link Beacon}: it {@link Type#APPEARED} (its first beacon) or
 * {@link Type#VANISHED} (no beacon within the timeout, or a beacon saying it leaves). A peer is
 * a sender's address and port together with its payload's key (the whole payload unless the
 * beacon was built with {@link Beacon.Builder#peerKey}); {@link #payload()} is the peer's first
 * payload for {@code APPEARED} and its last one for {@code VANISHED}.
 *
 * <p>Immutable and thread-safe; {@link #payload()} returns a copy.
 */
public final class BeaconEvent {
    /** What happened to the peer. */
    public enum Type {
        /** The first beacon of a peer not known (or known and vanished before). */
        APPEARED,
        /** No beacon from a known peer within the timeout, or a beacon saying it leaves. */
        VANISHED
    }

    private final Type type;
    private final InetSocketAddress sender;
    private final byte[] payload;

    /**
     * Creates an event; {@code payload} is copied.
     *
     * @param type    whether the peer appeared or vanished
     * @param sender  the address and port the peer's beacons come from
     * @param payload the peer's first payload (APPEARED) or its last one (VANISHED)
     */
    public BeaconEvent(Type type, InetSocketAddress sender, byte[] payload) {
        this.type = Objects.requireNonNull(type, "type");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.payload = payload.clone();
    }

    /** {@return whether the peer appeared or vanished} */
    public Type type() {
        return type;
    }

    /** {@return the address and UDP port the peer's beacons come from} */
    public InetSocketAddress sender() {
        return sender;
    }

    /** {@return the peer's IP address (as {@code recvfrom} gives it: ZRE peers do not announce it)} */
    public InetAddress address() {
        return sender.getAddress();
    }

    /** {@return the peer's payload (a copy)} */
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeaconEvent e && e.type == type && e.sender.equals(sender) && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, sender, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return type + " " + sender.getAddress().getHostAddress() + ":" + sender.getPort() + " " + Payloads.describe(payload);
    }
}
