package dev.zmq4j.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay for tests that misbehaves on command, between two sockets over tcp or ipc: it accepts
 * on an endpoint of its target's scheme, connects each accepted connection onward to the target
 * and copies bytes both ways, through faults that compose (each connection's two directions run
 * through the same pipeline: corruption, reset, then latency and bandwidth):
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every byte arrives no sooner than this after it was read;</li>
 *   <li>{@link #bandwidth(long)}: each direction of each connection at most so many bytes a second;</li>
 *   <li>{@link #cut()}: closes every connection, both sides; new ones are relayed;</li>
 *   <li>{@link #down()} / {@link #up()}: while down, a connection is accepted and closed at once
 *       (a link that is out), so peers cannot get through by reconnecting;</li>
 *   <li>{@link #halfOpen()} / {@link #heal()}: bytes are read and thrown away and nothing is
 *       closed, not even when one side closes (a network that vanished), until {@code heal} closes
 *       those connections and relays again;</li>
 *   <li>{@link #corruptAt} / {@link #corruptRandomly}: flips bits at chosen stream offsets, or
 *       bytes at random with a seeded generator;</li>
 *   <li>{@link #resetAfter}: after so many more bytes in one direction, resets both sides (an RST
 *       via SO_LINGER 0 over tcp): a peer killed in the middle of a frame.</li>
 * </ul>
 *
 * <p>{@link #bytesRead(Direction)} tells where each stream is, so a test can aim a fault at a
 * frame it is about to send. Thread-safe; each connection runs on four daemon threads.
 */
public final class ChaosRelay implements AutoCloseable {
    /** Which way bytes travel through the relay. */
    public enum Direction {
        /** From the side that connected to the relay towards the target. */
        UPSTREAM,
        /** From the target back to the side that connected to the relay. */
        DOWNSTREAM
    }

    private final ServerSocketChannel server;
    private final SocketAddress target;
    private final String endpoint;
    private final Path socketDir;
    private final List<ChaosLink> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Faults faults = new Faults();
    private volatile boolean closed;

    /**
     * A relay to a target, listening on an endpoint of the same scheme (see {@link #endpoint()}).
     *
     * @param targetEndpoint a concrete {@code tcp://host:port} or {@code ipc://path}
     * @throws IOException if the relay's own endpoint cannot be bound
     */
    public ChaosRelay(String targetEndpoint) throws IOException {
        if (targetEndpoint.startsWith("tcp://")) {
            String hostPort = targetEndpoint.substring("tcp://".length());
            int colon = hostPort.lastIndexOf(':');
            target = new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            endpoint = "tcp://127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort();
            socketDir = null;
        } else if (targetEndpoint.startsWith("ipc://")) {
            target = UnixDomainSocketAddress.of(targetEndpoint.substring("ipc://".length()));
            socketDir = Files.createTempDirectory("zmq4j-relay-");
            Path path = socketDir.resolve("relay");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
            endpoint = "ipc://" + path;
        } else {
            throw new IllegalArgumentException("endpoint: '" + targetEndpoint + "' (expected: tcp://host:port or ipc://path)");
        }
        Thread t = new Thread(this::acceptLoop, "chaos-relay-accept");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The endpoint to connect to instead of the target.
     *
     * @return {@code tcp://127.0.0.1:port} or {@code ipc://path}, as the target's scheme
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Every byte relayed from now on is held back at least {@code delay}.
     *
     * @param delay the latency; zero for none
     */
    public void latency(Duration delay) {
        faults.latencyNanos = delay.toNanos();
    }

    /**
     * Each direction of each connection carries at most {@code bytesPerSecond}.
     *
     * @param bytesPerSecond the cap; 0 for none
     */
    public void bandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: >= 0)");
        }
        faults.bytesPerSecond = bytesPerSecond;
    }

    /** Closes every connection relayed so far, both sides; connections made later are relayed. */
    public void cut() {
        for (ChaosLink l : links) {
            l.close();
        }
    }

    /** The link goes out: connections made from now on are accepted and closed at once, until {@link #up()}. */
    public void down() {
        faults.down = true;
    }

    /** The link is back: new connections are relayed again. */
    public void up() {
        faults.down = false;
    }

    /**
     * From now on, every byte is read and thrown away, on every connection, new ones too; nothing
     * is closed, not even when one side closes.
     */
    public void halfOpen() {
        faults.halfOpen = true;
    }

    /** Closes the connections that were half-open (their streams are broken) and relays again. */
    public void heal() {
        faults.halfOpen = false;
        cut();
    }

    /**
     * On the connections open now, flips the lowest bit of the byte at each of {@code offsets}
     * (counted from the first byte of the stream in {@code direction}) that is still to come.
     *
     * @param direction the stream
     * @param offsets   the offsets from its first byte
     */
    public void corruptAt(Direction direction, long... offsets) {
        for (ChaosLink l : links) {
            l.pump(direction).corruptAt(offsets);
        }
    }

    /**
     * On the connections open now and those made later, flips one random bit of each byte in
     * {@code direction} with probability {@code perByte}; the generator of the n-th connection is
     * seeded with {@code seed + n}, so a run can be repeated. {@code perByte} 0 ends it.
     *
     * @param direction the stream
     * @param seed      the first connection's seed
     * @param perByte   the probability for each byte, 0 to 1
     */
    public void corruptRandomly(Direction direction, long seed, double perByte) {
        faults.random(direction, seed, perByte);
        for (ChaosLink l : links) {
            l.pump(direction).corruptRandomly(seed + l.index(), perByte);
        }
    }

    /**
     * On the connections open now: once {@code bytes} more bytes were read in {@code direction},
     * forwards exactly those, then resets both sides (SO_LINGER 0 over tcp) as a killed peer would.
     *
     * @param direction the stream counted
     * @param bytes     how many more bytes it carries before the reset
     */
    public void resetAfter(Direction direction, long bytes) {
        for (ChaosLink l : links) {
            l.pump(direction).resetAfter(bytes);
        }
    }

    /**
     * Where a stream is, so that a fault can be aimed at what comes next.
     *
     * @param direction the stream
     * @return the bytes read so far in it on the most recent connection still open; 0 if none
     */
    public long bytesRead(Direction direction) {
        ChaosLink last = null;
        for (ChaosLink l : links) {
            last = l;
        }
        return last == null ? 0 : last.pump(direction).bytesRead();
    }

    /**
     * The connections relayed so far.
     *
     * @return their number, not counting those refused while down
     */
    public int accepted() {
        return accepted.get();
    }

    /**
     * The connections accepted and closed at once while the link was down.
     *
     * @return their number
     */
    public int refused() {
        return refused.get();
    }

    /**
     * The connections open now.
     *
     * @return their number
     */
    public int open() {
        return links.size();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel in;
            try {
                in = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (faults.down) {
                refused.incrementAndGet();
                ChaosLink.closeQuietly(in);
                continue;
            }
            SocketChannel out;
            try {
                out = SocketChannel.open(target);
            } catch (IOException e) {
                // The target is down: so is this connection.
                ChaosLink.closeQuietly(in);
                continue;
            }
            ChaosLink link = new ChaosLink(accepted.getAndIncrement(), in, out, faults, links::remove);
            links.add(link);
            link.start();
            if (closed) {
                link.close();
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        cut();
        if (socketDir != null) {
            Files.deleteIfExists(socketDir.resolve("relay"));
            Files.deleteIfExists(socketDir);
        }
    }
}
