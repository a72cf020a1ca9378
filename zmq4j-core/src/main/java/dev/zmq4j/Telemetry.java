package dev.zmq4j;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.TransportEvent;
import dev.zmq4j.transport.tcp.TcpAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What a socket tells about itself: its monitors and the events they want, its traffic
 * statistics (the attached pipes' counters, the totals of pipes gone, and the drops), and its
 * connection statistics (the connections open and a count of each event). An event nobody
 * monitors costs one atomic increment and one volatile read. Thread-safe.
 */
final class Telemetry {
    private final CopyOnWriteArray<Monitor> monitors = new CopyOnWriteArray<>(Monitor[]::new);
    /** Every pipe attached and not yet detached; the counts of detached ones live on in {@link #retired}. */
    private final Set<Pipe> pipes = new HashSet<>();
    private final long[] retired = new long[4];
    /**
     * Messages the pattern dropped (under the send lock) and messages left queued for a peer whose
     * connection ended for good (on its I/O thread).
     */
    private final AtomicLong dropped = new AtomicLong();
    /** How many events of each kind were reported, by {@link TransportEvent} ordinal. */
    private final AtomicLongArray eventCounts = new AtomicLongArray(TransportEvent.values().length);
    private final AtomicLong openConnections = new AtomicLong();

    // ---- events ----

    /**
     * Starts a monitor of the given event types (see {@link Socket#monitor(Set)}).
     *
     * @throws IllegalArgumentException if {@code types} is empty
     */
    Monitor monitor(Set<SocketEvent.Type> types) {
        if (types.isEmpty()) {
            throw new IllegalArgumentException("types: [] (expected: at least one event type)");
        }
        Monitor m = new Monitor(this, types);
        monitors.add(m);
        return m;
    }

    void remove(Monitor m) {
        monitors.remove(m);
    }

    /** Stops every monitor (the socket closed). */
    void stopMonitors() {
        for (Monitor m : monitors.clear()) {
            m.stop();
        }
    }

    /** Reports an event to the monitors that want its type; see {@code SocketPort.event}. */
    void event(TransportEvent kind, String endpoint, SocketAddress remote, byte[] routingId, String reason, long value) {
        eventCounts.incrementAndGet(kind.ordinal());
        Monitor[] ms = monitors.snapshot();
        if (ms.length == 0) {
            return;
        }
        SocketEvent.Type t = SocketEvent.Type.of(kind);
        SocketEvent e = null;
        for (Monitor m : ms) {
            if (m.wants(t)) {
                if (e == null) {
                    byte[] id = routingId == null || routingId.length == 0 ? null : routingId;
                    e = new SocketEvent(t, endpoint, address(remote), id, reason, value);
                }
                m.offer(e);
            }
        }
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return TcpAddress.format(i);
        }
        return a == null ? null : a.toString();
    }

    // ---- statistics ----

    void attached(Pipe p) {
        synchronized (pipes) {
            pipes.add(p);
        }
    }

    void detached(Pipe p) {
        synchronized (pipes) {
            if (pipes.remove(p)) {
                // An in-process end whose name was never bound (LINGER ran out): what it queued
                // is discarded, and counted dropped instead of out.
                long discarded = p.discardUnlinked();
                // An in-process end counts a message when its socket takes it, which may come
                // after this (what the peer queued stays readable): count as received all that
                // the peer queued into it, as a connection counts what it decoded.
                Pipe peer = p.peer();
                retired[0] += peer == null ? p.messagesIn() : Math.max(p.messagesIn(), peer.messagesOut());
                retired[1] += peer == null ? p.bytesIn() : Math.max(p.bytesIn(), peer.bytesOut());
                retired[2] += p.messagesOut();
                retired[3] += p.bytesOut();
                if (!p.isInproc()) {
                    // The pipe was terminated with its connection: what it still holds for the
                    // peer is lost with it. (A linked in-process end's queue is the peer's to read.)
                    dropped.addAndGet(p.abandonOut());
                }
                dropped.addAndGet(discarded);
            }
        }
    }

    void dropped() {
        dropped.incrementAndGet();
    }

    /** A connection opened ({@code true}) or an open one ended; see {@code SocketPort.connection}. */
    void connection(boolean opened) {
        openConnections.addAndGet(opened ? 1 : -1);
    }

    ConnectionStatistics connectionStatistics() {
        return new ConnectionStatistics(openConnections.get(), count(TransportEvent.ACCEPTED), count(TransportEvent.CONNECTED),
                count(TransportEvent.CONNECT_RETRIED), count(TransportEvent.DISCONNECTED), count(TransportEvent.HANDSHAKE_SUCCEEDED),
                count(TransportEvent.HANDSHAKE_FAILED_NO_DETAIL), count(TransportEvent.HANDSHAKE_FAILED_PROTOCOL),
                count(TransportEvent.HANDSHAKE_FAILED_AUTH));
    }

    private long count(TransportEvent kind) {
        return eventCounts.get(kind.ordinal());
    }

    SocketStatistics statistics() {
        long[] t = new long[4];
        long queuedIn = 0;
        long queuedOut = 0;
        synchronized (pipes) {
            System.arraycopy(retired, 0, t, 0, t.length);
            for (Pipe p : pipes) {
                t[0] += p.messagesIn();
                t[1] += p.bytesIn();
                t[2] += p.messagesOut();
                t[3] += p.bytesOut();
                queuedIn += p.inSize();
                queuedOut += p.outSize();
            }
        }
        return new SocketStatistics(t[0], t[1], t[2], t[3], dropped.get(), queuedIn, queuedOut);
    }
}
