package dev.zmq4j.patterns.beacon;

import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Discovery by UDP beacons (czmq's {@code zbeacon}): announces payloads of up to 255 bytes at an
 * interval to a UDP port, listens on that port, and reports the peers it hears as
 * {@link BeaconEvent}s: {@code APPEARED} on a peer's first beacon, {@code VANISHED} when none came
 * within the timeout (or one said the peer leaves, see {@link Builder#leaving}).
 *
 * <pre>{@code
 * try (Beacon beacon = Beacon.builder(9999)
 *         .announce("hello from node 7".getBytes(UTF_8))
 *         .listen("hello".getBytes(UTF_8))
 *         .interval(Duration.ofSeconds(1))
 *         .start()) {
 *     BeaconEvent e = beacon.poll(Duration.ofSeconds(5));   // a peer appeared, or null
 * }
 * }</pre>
 *
 * <p><b>Addressing.</b> By default beacons are broadcast to 255.255.255.255, or to the broadcast
 * address of the {@link Builder#networkInterface interface} when one is given. A multicast
 * {@link Builder#address address} (e.g. 239.255.0.1) is joined on the interface; a unicast one
 * (e.g. 127.0.0.1) reaches one listener. Every beacon listens on the wildcard address with
 * {@code SO_REUSEADDR}/{@code SO_REUSEPORT}, so several share a port; on Linux, a unicast
 * datagram to a shared port reaches only one of them, while broadcast (127.255.255.255 on the
 * loopback: interface {@code lo}) and multicast (a 239.x group on {@code lo}) reach them all.
 * Beacons are sent from an ephemeral port of their own, so a peer is told apart by its source
 * address and port: two beacons in one process are two peers.
 *
 * <p><b>Events</b> go to the {@link Builder#listener listener}, called on the beacon's thread
 * (it should return quickly; an exception it throws is logged and the beacon goes on); without a
 * listener they are queued (up to {@value #QUEUE_CAPACITY}; later ones are dropped and logged)
 * for {@link #poll}. With {@link Builder#ignoreOwn} (the default) a beacon ignores its own
 * datagrams. Datagrams longer than {@value #MAX_PAYLOAD} bytes, not starting with the
 * {@link Builder#listen(byte[]) prefix} or whose {@link Builder#peerKey key} is null are dropped.
 *
 * <p><b>Failures.</b> {@link Builder#start()} and {@link #publish} send their first beacon on the
 * caller's thread: a network with no route for the address fails there with
 * {@link BeaconException} naming the address, as do an unknown interface or a port that cannot be
 * bound. Later send errors (a transient outage) are logged once, at WARN, and the beacon goes on
 * sending; its recovery is logged at INFO.
 *
 * <p><b>Thread-safety:</b> thread-safe. One daemon thread per beacon sends, receives and expires
 * peers. {@link #close()} sends the {@link Builder#farewell farewell}, stops the thread and
 * returns within about {@link #CLOSE_WAIT}.
 */
public final class Beacon implements AutoCloseable {
    /** The longest payload, as in zbeacon. */
    public static final int MAX_PAYLOAD = 255;
    /** How many events wait for {@link #poll} before later ones are dropped. */
    public static final int QUEUE_CAPACITY = 10_000;
    /** The longest time {@link #close()} waits for the beacon's thread. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final BeaconNetwork network;
    private final DatagramChannel sender;
    private final int senderPort;
    private final byte[] farewell;
    private final BeaconLoop loop;
    private final ReentrantLock announcing = new ReentrantLock();
    private final List<byte[]> published = new ArrayList<>();

    private Beacon(Builder b) {
        this.network = new BeaconNetwork(b.port, b.address, b.networkInterface);
        this.farewell = b.farewell;
        this.sender = network.openSender();
        DatagramChannel receiver = null;
        try {
            this.senderPort = ((InetSocketAddress) sender.getLocalAddress()).getPort();
            receiver = b.prefix == null ? null : network.openReceiver();
            this.loop = new BeaconLoop(network.toString(), this::sendAnnouncements, senderPort, receiver, b);
        } catch (IOException e) {
            closeQuietly(sender);
            throw new BeaconException(network + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(receiver);
            closeQuietly(sender);
            throw e;
        }
    }

    /**
     * {@return a builder for a beacon on UDP {@code port} (1 to 65535), which every peer must share}
     *
     * @param port the UDP port
     */
    public static Builder builder(int port) {
        return new Builder(port);
    }

    /**
     * Starts announcing {@code payload} (besides the payloads already announced; an equal one is
     * not added twice): sends it at once, on the caller's thread, then at every interval.
     *
     * @param payload the datagram's content
     * @throws IllegalArgumentException if it is longer than {@value #MAX_PAYLOAD} bytes
     * @throws BeaconException          if it cannot be sent (it is then not announced)
     * @throws ZmqException.SocketClosedException if the beacon is closed
     */
    public void publish(byte[] payload) {
        byte[] copy = checkPayload(payload).clone();
        announcing.lock();
        try {
            checkOpen();
            if (published.stream().noneMatch(p -> Arrays.equals(p, copy))) {
                send(copy);
                published.add(copy);
            }
        } finally {
            announcing.unlock();
        }
    }

    /**
     * Stops announcing {@code payload}: once this returns, no further beacon with it is sent.
     *
     * @param payload a payload given to {@link #publish}
     * @return whether it was announced
     */
    public boolean silence(byte[] payload) {
        announcing.lock();
        try {
            return published.removeIf(p -> Arrays.equals(p, payload));
        } finally {
            announcing.unlock();
        }
    }

    /** Stops announcing every payload. */
    public void silence() {
        announcing.lock();
        try {
            published.clear();
        } finally {
            announcing.unlock();
        }
    }

    /**
     * Sends one datagram with {@code payload} now, on the caller's thread (a farewell, a leaving
     * notice), without announcing it.
     *
     * @param payload the datagram's content
     * @throws BeaconException                  if it cannot be sent
     * @throws ZmqException.SocketClosedException if the beacon is closed
     */
    public void send(byte[] payload) {
        checkPayload(payload);
        checkOpen();
        try {
            sender.send(ByteBuffer.wrap(payload), network.destination);
        } catch (IOException e) {
            throw new BeaconException(network + ": cannot send: " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@code timeout} for the next event. Returns null if none came, or at once when
     * the beacon is closed and no event is left.
     *
     * @param timeout the longest wait
     * @return the event, or {@code null}
     * @throws IllegalStateException             if the beacon has a listener (events go there)
     * @throws ZmqException.InterruptedException if the thread is interrupted while waiting
     */
    public BeaconEvent poll(Duration timeout) {
        return loop.poll(timeout);
    }

    /** {@return the UDP port beacons are sent to and heard on} */
    public int port() {
        return network.port;
    }

    /** {@return where beacons are sent: the broadcast, multicast or unicast address and the port} */
    public InetSocketAddress destination() {
        return network.destination;
    }

    /**
     * The local address and port this beacon's datagrams leave from (the wildcard address unless
     * an interface was given); peers see the interface's address and this port as
     * {@link BeaconEvent#sender()}.
     *
     * @return the local address and port
     * @throws ZmqException.SocketClosedException if the beacon is closed
     */
    public InetSocketAddress senderAddress() {
        try {
            return (InetSocketAddress) sender.getLocalAddress();
        } catch (IOException e) {
            throw new ZmqException.SocketClosedException(network + ": closed");
        }
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return loop.isClosed();
    }

    /**
     * Sends the farewell (if any and if the beacon announced), stops announcing and listening, and
     * waits up to {@link #CLOSE_WAIT} for the beacon's thread. Idempotent; no event is reported
     * after it returns (unless the listener was still running when the wait ran out).
     */
    @Override
    public void close() {
        if (!loop.markClosed()) {
            return;
        }
        announcing.lock();
        try {
            if (farewell != null && !published.isEmpty()) {
                try {
                    sender.send(ByteBuffer.wrap(farewell), network.destination);
                } catch (IOException e) {
                    BeaconLoop.log.debug("{}: farewell not sent: {}", network, e.getMessage());
                }
            }
            published.clear();
        } finally {
            announcing.unlock();
        }
        loop.stop(CLOSE_WAIT);
        closeQuietly(sender);
    }

    @Override
    public String toString() {
        return network.toString();
    }

    /** Sends every announced payload once (the loop thread, at each interval). */
    void sendAnnouncements() throws IOException {
        announcing.lock();
        try {
            for (byte[] p : published) {
                sender.send(ByteBuffer.wrap(p), network.destination);
            }
        } finally {
            announcing.unlock();
        }
    }

    private void checkOpen() {
        if (loop.isClosed()) {
            throw new ZmqException.SocketClosedException(network + ": closed");
        }
    }

    static byte[] checkPayload(byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload: " + payload.length + " bytes (expected: <= " + MAX_PAYLOAD + ")");
        }
        return payload;
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /**
     * The settings of a {@link Beacon}. Not thread-safe; {@link #start()} may be called more than
     * once, for beacons with the same settings.
     */
    public static final class Builder {
        final int port;
        final List<byte[]> announce = new ArrayList<>();
        Duration interval = Duration.ofSeconds(1);
        Duration timeout;
        byte[] prefix;
        boolean ignoreOwn = true;
        String address;
        String networkInterface;
        byte[] farewell;
        Function<byte[], byte[]> peerKey = Function.identity();
        Predicate<byte[]> leaving = p -> false;
        Consumer<BeaconEvent> listener;

        private Builder(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
            }
            this.port = port;
        }

        /**
         * Announces {@code payload} (up to {@value Beacon#MAX_PAYLOAD} bytes) from the start; may be called for several.
         *
         * @param payload the datagram's content
         * @return this
         */
        public Builder announce(byte[] payload) {
            announce.add(checkPayload(payload).clone());
            return this;
        }

        /**
         * Sets the time between two announcements (default 1 s).
         *
         * @param interval positive
         * @return this
         */
        public Builder interval(Duration interval) {
            this.interval = positive("interval", interval);
            return this;
        }

        /**
         * Sets how long a peer may stay silent before it is reported VANISHED (default 5 intervals).
         *
         * @param timeout positive
         * @return this
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive("timeout", timeout);
            return this;
        }

        /**
         * Listens for every beacon on the port.
         *
         * @return this
         */
        public Builder listen() {
            return listen(new byte[0]);
        }

        /**
         * Listens for the beacons on the port whose payload starts with {@code prefix}.
         *
         * @param prefix the payloads' first bytes; empty for every beacon
         * @return this
         */
        public Builder listen(byte[] prefix) {
            this.prefix = prefix.clone();
            return this;
        }

        /**
         * Sets whether the beacon ignores its own datagrams (default true).
         *
         * @param ignoreOwn {@code false} to hear this beacon's own announcements too
         * @return this
         */
        public Builder ignoreOwn(boolean ignoreOwn) {
            this.ignoreOwn = ignoreOwn;
            return this;
        }

        /**
         * Where to send: a broadcast, multicast or unicast address or host name (default: broadcast,
         * see the class). Resolved by {@link #start()}.
         *
         * @param address an IP literal or a host name
         * @return this
         */
        public Builder address(String address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the network interface to use, by name ({@code eth0}, {@code lo}) or by one of its addresses.
         *
         * @param nameOrAddress the interface's name or one of its addresses
         * @return this
         */
        public Builder networkInterface(String nameOrAddress) {
            this.networkInterface = Objects.requireNonNull(nameOrAddress, "networkInterface");
            return this;
        }

        /**
         * Sets a datagram sent once by {@link Beacon#close()} (ZRE's port 0: "I am leaving").
         *
         * @param payload the datagram's content
         * @return this
         */
        public Builder farewell(byte[] payload) {
            this.farewell = checkPayload(payload).clone();
            return this;
        }

        /**
         * What tells peers from one sender apart (default: the whole payload). Returns null for a
         * payload that is not a valid beacon, which is then dropped.
         *
         * @param peerKey the key of a payload's sender, or null for an invalid payload
         * @return this
         */
        public Builder peerKey(Function<byte[], byte[]> peerKey) {
            this.peerKey = Objects.requireNonNull(peerKey, "peerKey");
            return this;
        }

        /**
         * Sets which payloads say the peer is leaving: a known peer is then reported VANISHED at once.
         *
         * @param leaving true for a leaving notice
         * @return this
         */
        public Builder leaving(Predicate<byte[]> leaving) {
            this.leaving = Objects.requireNonNull(leaving, "leaving");
            return this;
        }

        /**
         * Sets where events go, on the beacon's thread (default: a queue read with {@link Beacon#poll}).
         *
         * @param listener called with each event on the beacon's thread; it must not block
         * @return this
         */
        public Builder listener(Consumer<BeaconEvent> listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Opens the sockets, sends the first announcements and starts the beacon's thread.
         *
         * @throws BeaconException if the interface, the address or the port cannot be used, or the
         *                         first beacon cannot be sent
         * @return the beacon, running; close it
         */
        public Beacon start() {
            Beacon beacon = new Beacon(this);
            try {
                for (byte[] p : announce) {
                    beacon.publish(p);
                }
            } catch (RuntimeException e) {
                beacon.close();
                throw e;
            }
            beacon.loop.start();
            return beacon;
        }

        Duration timeoutOrDefault() {
            return timeout != null ? timeout : interval.multipliedBy(5);
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }

    static long nanos(Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
