package dev.zmq4j.patterns.beacon;

import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread of a {@link Beacon}: sends its announcements at each interval, receives datagrams,
 * keeps the {@link PeerTable} and delivers events to the listener or the queue.
 *
 * <p>Thread-safety: {@link #poll}, {@link #markClosed} and {@link #stop} may be called from any
 * thread; everything else runs on the loop thread.
 */
final class BeaconLoop {
    /** Sends every announced payload once. */
    @FunctionalInterface
    interface Announcer {
        void sendAnnouncements() throws IOException;
    }

    static final Logger log = LoggerFactory.getLogger(Beacon.class);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String beacon;
    private final Announcer announcer;
    private final int ownPort;
    private final DatagramChannel receiver;
    private final Selector selector;
    private final Thread thread;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final byte[] prefix;
    private final boolean ignoreOwn;
    private final Function<byte[], byte[]> peerKey;
    private final Predicate<byte[]> leaving;
    private final Consumer<BeaconEvent> listener;
    private final LinkedBlockingQueue<BeaconEvent> queue = new LinkedBlockingQueue<>(Beacon.QUEUE_CAPACITY);
    private final PeerTable peers = new PeerTable();
    private final Map<InetAddress, Boolean> local = new HashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean sendFailing;
    private boolean receiveFailing;
    private boolean queueFull;

    /**
     * @param name     the beacon, as logs and exceptions name it
     * @param ownPort  the port the beacon's own datagrams come from
     * @param receiver the listening channel, or null
     */
    BeaconLoop(String name, Announcer announcer, int ownPort, DatagramChannel receiver, Beacon.Builder b) {
        this.beacon = name;
        this.announcer = announcer;
        this.ownPort = ownPort;
        this.receiver = receiver;
        this.intervalNanos = Beacon.nanos(b.interval);
        this.timeoutNanos = Beacon.nanos(b.timeoutOrDefault());
        this.prefix = b.prefix;
        this.ignoreOwn = b.ignoreOwn;
        this.peerKey = b.peerKey;
        this.leaving = b.leaving;
        this.listener = b.listener;
        try {
            this.selector = Selector.open();
            if (receiver != null) {
                receiver.register(selector, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            throw new BeaconException(beacon + ": cannot open a selector: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "zmq4j-beacon-" + COUNT.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Marks the loop closed; false if it already was. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    /** Wakes the thread, waits up to {@code wait} for it to end, and closes the channels. */
    void stop(Duration wait) {
        selector.wakeup();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("{}: its thread did not end within {} (a listener still running?)", beacon, wait);
            }
        }
        try {
            if (receiver != null) {
                receiver.close();
            }
            selector.close();
        } catch (IOException e) {
            log.debug("{}: closing: {}", beacon, e.getMessage());
        }
    }

    BeaconEvent poll(Duration timeout) {
        if (listener != null) {
            throw new IllegalStateException(beacon + ": poll() on a beacon with a listener (expected: events go to the listener)");
        }
        BeaconEvent e = queue.poll();
        if (e != null || closed.get()) {
            return e;
        }
        try {
            return queue.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException(beacon + ": interrupted in poll");
        }
    }

    private void run() {
        long now = System.nanoTime();
        long nextSend = now + intervalNanos;
        long checkNanos = Math.max(MIN_WAIT_NANOS, Math.min(intervalNanos, timeoutNanos / 4));
        long nextCheck = now + checkNanos;
        ByteBuffer buffer = ByteBuffer.allocate(Beacon.MAX_PAYLOAD + 1);
        try {
            while (!closed.get()) {
                now = System.nanoTime();
                if (now - nextSend >= 0) {
                    sendAnnouncements();
                    nextSend += intervalNanos;
                    if (nextSend - now <= 0) {
                        nextSend = now + intervalNanos;
                    }
                }
                if (now - nextCheck >= 0) {
                    peers.expire(now, timeoutNanos).forEach(this::deliver);
                    nextCheck = now + checkNanos;
                }
                long waitNanos = Math.max(MIN_WAIT_NANOS, Math.min(nextSend, nextCheck) - now);
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                selector.selectedKeys().clear();
                if (receiver != null && !closed.get()) {
                    receiveAll(buffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed.get()) {
                log.error("{}: stopped by an unexpected failure", beacon, e);
            }
        }
    }

    private void sendAnnouncements() {
        try {
            announcer.sendAnnouncements();
            if (sendFailing) {
                sendFailing = false;
                log.info("{}: sending again", beacon);
            }
        } catch (ClosedChannelException e) {
            // closing
        } catch (IOException e) {
            if (!sendFailing) {
                sendFailing = true;
                log.warn("{}: cannot send ({}); will keep trying at each interval", beacon, e.getMessage());
            }
        }
    }

    private void receiveAll(ByteBuffer buffer) {
        for (;;) {
            InetSocketAddress from;
            buffer.clear();
            try {
                from = (InetSocketAddress) receiver.receive(buffer);
                receiveFailing = false;
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!receiveFailing) {
                    receiveFailing = true;
                    log.warn("{}: cannot receive ({}); will keep trying", beacon, e.getMessage());
                }
                return;
            }
            if (from == null) {
                return;
            }
            int length = buffer.position();
            // A datagram that filled the buffer was longer than any beacon: not ours to read.
            if (length > Beacon.MAX_PAYLOAD || !Payloads.startsWith(buffer.array(), length, prefix)) {
                continue;
            }
            if (ignoreOwn && isOwn(from)) {
                continue;
            }
            byte[] payload = Arrays.copyOf(buffer.array(), length);
            byte[] key = peerKey.apply(payload);
            if (key == null) {
                log.debug("{}: invalid beacon from {} dropped", beacon, from);
                continue;
            }
            BeaconEvent e = peers.seen(from, key, payload, leaving.test(payload), System.nanoTime());
            if (e != null) {
                deliver(e);
            }
        }
    }

    private boolean isOwn(InetSocketAddress from) {
        return from.getPort() == ownPort && local.computeIfAbsent(from.getAddress(), BeaconLoop::isLocalAddress);
    }

    private static boolean isLocalAddress(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private void deliver(BeaconEvent e) {
        if (closed.get()) {
            return;
        }
        if (listener != null) {
            try {
                listener.accept(e);
            } catch (RuntimeException ex) {
                log.warn("{}: the listener failed on {}", beacon, e, ex);
            }
        } else if (!queue.offer(e)) {
            if (!queueFull) {
                queueFull = true;
                log.warn("{}: {} events wait for poll(); later ones are dropped", beacon, Beacon.QUEUE_CAPACITY);
            }
        } else {
            queueFull = false;
        }
    }
}
