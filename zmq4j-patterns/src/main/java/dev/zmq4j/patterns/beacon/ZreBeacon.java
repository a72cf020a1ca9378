package dev.zmq4j.patterns.beacon;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The beacon of ZRE, the ZeroMQ Realtime Exchange protocol (RFC 36, zyre): one 22-octet UDP
 * datagram broadcast to port {@value #DEFAULT_PORT}.
 *
 * <pre>
 * +---+---+---+------+  +------+------+
 * | Z | R | E | %x01 |  | UUID | port |      UUID: 16 octets; port: 2 octets, network order
 * +---+---+---+------+  +------+------+
 *        Header               Body
 * </pre>
 *
 * A non-zero port is the sender's mailbox (a ROUTER on {@code tcp://<sender address>:<port>});
 * port 0 says the sender is leaving. {@link #listener(int)} and {@link #announcer} configure a
 * {@link Beacon} for it: peers are told apart by UUID, invalid beacons are dropped, port 0
 * reports the peer VANISHED, and closing an announcer broadcasts port 0.
 *
 * <p>Stateless and thread-safe.
 */
public final class ZreBeacon {
    /** ZRE's discovery port (ZRE-DISC, assigned by IANA). */
    public static final int DEFAULT_PORT = 5670;
    /** The length of a ZRE beacon. */
    public static final int LENGTH = 22;
    /** The header: 'Z', 'R', 'E', version 1; also the prefix to listen for. */
    private static final byte[] HEADER = {'Z', 'R', 'E', 1};

    /**
     * A decoded beacon: the node's UUID and its mailbox port, 0 if it is leaving.
     *
     * @param uuid the node's identity
     * @param port the node's mailbox port (0 to 65535)
     */
    public record Announcement(UUID uuid, int port) {
        /**
         * Checks the port.
         *
         * @param uuid the node's identity
         * @param port the node's mailbox port (0 to 65535)
         * @throws IllegalArgumentException if the port is out of range
         */
        public Announcement {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
            }
        }

        /** {@return whether the node says it is leaving the network (port 0)} */
        public boolean leaving() {
            return port == 0;
        }
    }

    private ZreBeacon() {
    }

    /** {@return the header every ZRE beacon starts with ('Z', 'R', 'E', 0x01)} */
    public static byte[] header() {
        return HEADER.clone();
    }

    /**
     * Encodes a beacon.
     *
     * @param uuid the node's UUID
     * @param port the mailbox port, 0 to say the node leaves
     * @return the beacon's 22 octets
     * @throws IllegalArgumentException if the port is out of range
     */
    public static byte[] encode(UUID uuid, int port) {
        Announcement a = new Announcement(uuid, port);
        return ByteBuffer.allocate(LENGTH)
                .put(HEADER)
                .putLong(a.uuid().getMostSignificantBits())
                .putLong(a.uuid().getLeastSignificantBits())
                .putShort((short) a.port())
                .array();
    }

    /**
     * Decodes a beacon; empty if {@code payload} is not one (another header or version, or not
     * 22 octets), which RFC 36 says to discard silently.
     *
     * @param payload a received beacon
     * @return the node's UUID and mailbox port, or empty
     */
    public static Optional<Announcement> decode(byte[] payload) {
        if (payload.length != LENGTH || !Arrays.equals(payload, 0, HEADER.length, HEADER, 0, HEADER.length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload, HEADER.length, LENGTH - HEADER.length);
        UUID uuid = new UUID(b.getLong(), b.getLong());
        return Optional.of(new Announcement(uuid, Short.toUnsignedInt(b.getShort())));
    }

    /**
     * A beacon on {@code port} (usually {@value #DEFAULT_PORT}) that hears ZRE nodes: prefix
     * "ZRE\1", peers keyed by UUID (a node is one peer whatever its mailbox port), invalid beacons
     * dropped, port 0 reported as VANISHED. Add the address, interface, interval, timeout and
     * listener, then {@link Beacon.Builder#start()}.
     *
     * @param port the UDP port
     * @return the builder, not started
     */
    public static Beacon.Builder listener(int port) {
        return Beacon.builder(port)
                .listen(HEADER)
                .peerKey(p -> decode(p).map(a -> Arrays.copyOfRange(p, HEADER.length, HEADER.length + 16)).orElse(null))
                .leaving(p -> decode(p).map(Announcement::leaving).orElse(false));
    }

    /**
     * As {@link #listener(int)}, and announcing node {@code uuid} with {@code mailboxPort}; closing
     * the beacon broadcasts port 0, so other nodes drop this one at once.
     *
     * @param port        the UDP port
     * @param uuid        this node's UUID
     * @param mailboxPort this node's mailbox (ROUTER) port
     * @return the builder, not started
     * @throws IllegalArgumentException if {@code mailboxPort} is not 1 to 65535
     */
    public static Beacon.Builder announcer(int port, UUID uuid, int mailboxPort) {
        if (mailboxPort < 1 || mailboxPort > 65535) {
            throw new IllegalArgumentException("mailboxPort: " + mailboxPort + " (expected: 1 to 65535)");
        }
        return listener(port).announce(encode(uuid, mailboxPort)).farewell(encode(uuid, 0));
    }
}
