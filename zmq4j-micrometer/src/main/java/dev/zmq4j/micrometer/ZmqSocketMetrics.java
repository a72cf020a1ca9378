package dev.zmq4j.micrometer;

import dev.zmq4j.ConnectionStatistics;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A socket's traffic, queues, connections and handshake failures as Micrometer meters, in the
 * manner of Micrometer's own {@code ExecutorServiceMetrics}:
 *
 * <pre>{@code
 * Socket orders = context.socket(SocketType.PULL);
 * ZmqSocketMetrics metrics = ZmqSocketMetrics.monitor(orders, "orders-in");
 * metrics.bindTo(registry);
 * ...
 * metrics.close();   // removes the meters (closing the socket does too)
 * }</pre>
 *
 * <p>Every meter carries the tags {@code name} (the name given here) and {@code type} (the
 * socket type, e.g. {@code PULL}), and the extra tags given:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>kind</th><th>extra tag</th><th>what it counts</th></tr>
 *   <tr><td>{@value #MESSAGES}</td><td>function counter</td><td>{@code direction=in|out}</td>
 *       <td>messages received from and sent to peers</td></tr>
 *   <tr><td>{@value #BYTES}</td><td>function counter</td><td>{@code direction=in|out}</td>
 *       <td>their body bytes</td></tr>
 *   <tr><td>{@value #DROPPED}</td><td>function counter</td><td></td>
 *       <td>messages dropped at a peer's high-water mark, or lost with its connection</td></tr>
 *   <tr><td>{@value #QUEUED}</td><td>gauge</td><td>{@code direction=in|out}</td>
 *       <td>messages waiting to be received or sent now</td></tr>
 *   <tr><td>{@value #CONNECTIONS}</td><td>gauge</td><td></td>
 *       <td>tcp and ipc connections open now</td></tr>
 *   <tr><td>{@value #RECONNECTS}</td><td>function counter</td><td></td>
 *       <td>connects retried after a failed attempt or a lost connection</td></tr>
 *   <tr><td>{@value #DISCONNECTS}</td><td>function counter</td><td></td>
 *       <td>connections lost other than by this socket's will</td></tr>
 *   <tr><td>{@value #HANDSHAKE_FAILURES}</td><td>function counter</td>
 *       <td>{@code reason=auth|protocol|no_detail}</td>
 *       <td>handshakes refused by a security mechanism, broken by the peer, or ended without a
 *       reason (the monitor event kinds {@code HANDSHAKE_FAILED_*})</td></tr>
 * </table>
 *
 * <p>The numbers come from {@link Socket#statistics()} and {@link Socket#connectionStatistics()},
 * read when the registry reads a meter: the binder starts no thread, adds no monitor and costs
 * nothing between reads. Tags are few and fixed (no tag per peer), so a socket has 13 meters
 * however many peers it has; for one peer's story, use {@link Socket#monitor()}.
 *
 * <p>Lifecycle: when the socket closes (itself or with its context), its meters are removed from
 * every registry they were bound to, on the closing thread ({@link Socket#onClose}), so an
 * application that opens and closes sockets does not leave dead sockets' meters behind; binding
 * after that registers nothing. {@link #close()} removes them earlier, while the socket lives,
 * and lets go of the socket; closing the binder after the socket is harmless. The meters
 * themselves hold the socket weakly, as Micrometer's function meters do: they never keep a
 * socket alive, and read NaN once it is garbage-collected.
 *
 * <p>Thread-safe: {@link #bindTo} and {@link #close} may be called from any thread.
 */
public final class ZmqSocketMetrics implements MeterBinder, AutoCloseable {
    /** Messages in and out (tag {@code direction}). */
    public static final String MESSAGES = "zmq.socket.messages";
    /** Body bytes in and out (tag {@code direction}). */
    public static final String BYTES = "zmq.socket.bytes";
    /** Messages dropped. */
    public static final String DROPPED = "zmq.socket.dropped";
    /** Messages queued now (tag {@code direction}). */
    public static final String QUEUED = "zmq.socket.queued";
    /** Connections open now. */
    public static final String CONNECTIONS = "zmq.socket.connections";
    /** Connect retries. */
    public static final String RECONNECTS = "zmq.socket.reconnects";
    /** Connections lost. */
    public static final String DISCONNECTS = "zmq.socket.disconnects";
    /** Failed handshakes (tag {@code reason}). */
    public static final String HANDSHAKE_FAILURES = "zmq.socket.handshake.failures";

    /** The socket, until it or this binder closes; the meters hold it weakly. Guarded by this. */
    private Socket socket;
    private final Tags tags;
    /** The meters registered, with their registries; guarded by this. */
    private final List<Bound> bound = new ArrayList<>();
    /** Removes the meters when the socket closes; given to the socket on the first bind. */
    private final Runnable onSocketClose = this::socketClosed;
    private boolean watching;
    private boolean closed;

    private record Bound(MeterRegistry registry, Meter meter) {
    }

    /**
     * A binder for {@code socket}'s meters, tagged {@code name} and {@code type} and with
     * {@code tags}; {@link #bindTo} registers them.
     *
     * @param socket the socket to observe (held until it or this binder closes; its meters hold it weakly)
     * @param name   the value of the {@code name} tag, naming the socket in your dashboards
     * @param tags   more tags for every meter
     * @throws NullPointerException if an argument is null
     */
    public ZmqSocketMetrics(Socket socket, String name, Iterable<Tag> tags) {
        this.socket = Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(name, "name");
        this.tags = Tags.concat(tags, Tags.of("name", name, "type", socket.type().name()));
    }

    /**
     * A binder for {@code socket}'s meters: {@code new ZmqSocketMetrics(socket, name, Tags.of(tags))}.
     *
     * @param socket the socket to observe
     * @param name   the value of the {@code name} tag
     * @param tags   more tags for every meter
     * @return the binder, not yet bound
     */
    public static ZmqSocketMetrics monitor(Socket socket, String name, Tag... tags) {
        return new ZmqSocketMetrics(socket, name, Tags.of(tags));
    }

    /**
     * Binds {@code socket}'s meters to {@code registry} at once, and returns the binder (to close).
     *
     * @param registry the registry to register the meters with
     * @param socket   the socket to observe
     * @param name     the value of the {@code name} tag
     * @param tags     more tags for every meter
     * @return the bound binder
     */
    public static ZmqSocketMetrics monitor(MeterRegistry registry, Socket socket, String name, Tag... tags) {
        ZmqSocketMetrics m = monitor(socket, name, tags);
        m.bindTo(registry);
        return m;
    }

    /**
     * Registers the socket's meters with {@code registry}, unless the socket has closed (then it
     * registers nothing). Binding to several registries is fine; binding twice to one registry
     * returns its existing meters (Micrometer's rule).
     *
     * @throws IllegalStateException if this binder was closed
     */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        if (closed) {
            throw new IllegalStateException("ZmqSocketMetrics " + tags + ": closed (expected: a binder not closed)");
        }
        if (!watching && socket != null) {
            watching = true;
            // Runs at once, here, if the socket has closed already: then socket is null below.
            socket.onClose(onSocketClose);
        }
        if (socket == null) {
            return;
        }
        counter(registry, MESSAGES, "in", BaseUnits.MESSAGES, "Messages received from peers", s -> traffic(s).messagesIn());
        counter(registry, MESSAGES, "out", BaseUnits.MESSAGES, "Messages sent to peers", s -> traffic(s).messagesOut());
        counter(registry, BYTES, "in", BaseUnits.BYTES, "Body bytes received from peers", s -> traffic(s).bytesIn());
        counter(registry, BYTES, "out", BaseUnits.BYTES, "Body bytes sent to peers", s -> traffic(s).bytesOut());
        counter(registry, DROPPED, null, BaseUnits.MESSAGES,
                "Messages dropped at a peer's high-water mark, or lost with its connection", s -> traffic(s).messagesDropped());
        gauge(registry, QUEUED, "in", BaseUnits.MESSAGES, "Messages waiting to be received", s -> traffic(s).queuedIn());
        gauge(registry, QUEUED, "out", BaseUnits.MESSAGES, "Messages waiting to be sent", s -> traffic(s).queuedOut());
        keep(registry, Gauge.builder(CONNECTIONS, socket, s -> connections(s).open())
                .description("Connections (tcp, ipc) open now").baseUnit(BaseUnits.CONNECTIONS).tags(tags).register(registry));
        keep(registry, FunctionCounter.builder(RECONNECTS, socket, s -> connections(s).connectRetries())
                .description("Connects retried after a failed attempt or a lost connection").tags(tags).register(registry));
        keep(registry, FunctionCounter.builder(DISCONNECTS, socket, s -> connections(s).disconnected())
                .description("Connections lost other than by this socket's will").tags(tags).register(registry));
        failures(registry, "auth", s -> connections(s).handshakesFailedAuth());
        failures(registry, "protocol", s -> connections(s).handshakesFailedProtocol());
        failures(registry, "no_detail", s -> connections(s).handshakesFailedNoDetail());
    }

    /**
     * Removes this binder's meters from every registry it was bound to and lets go of the socket;
     * later binds fail. Idempotent, and harmless after the socket closed.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (socket != null && watching) {
            socket.removeOnClose(onSocketClose);
        }
        removeMeters();
    }

    /** The socket closed (on its closing thread): its meters go; the binder stays open. */
    private synchronized void socketClosed() {
        removeMeters();
    }

    private void removeMeters() {
        for (Bound b : bound) {
            b.registry().remove(b.meter());
        }
        bound.clear();
        socket = null;
    }

    private void counter(MeterRegistry registry, String name, String direction, String unit, String description,
            ToDoubleFunction<Socket> f) {
        FunctionCounter.Builder<Socket> b = FunctionCounter.builder(name, socket, f).description(description).baseUnit(unit).tags(tags);
        if (direction != null) {
            b.tag("direction", direction);
        }
        keep(registry, b.register(registry));
    }

    private void gauge(MeterRegistry registry, String name, String direction, String unit, String description,
            ToDoubleFunction<Socket> f) {
        keep(registry, Gauge.builder(name, socket, f).description(description).baseUnit(unit).tags(tags)
                .tag("direction", direction).register(registry));
    }

    private void failures(MeterRegistry registry, String reason, ToDoubleFunction<Socket> f) {
        keep(registry, FunctionCounter.builder(HANDSHAKE_FAILURES, socket, f)
                .description("Handshakes that failed, by reason: refused by a security mechanism (auth), broken by the peer"
                        + " (protocol), or ended without a reason (no_detail)")
                .tags(tags).tag("reason", reason).register(registry));
    }

    private void keep(MeterRegistry registry, Meter meter) {
        bound.add(new Bound(registry, meter));
    }

    private static SocketStatistics traffic(Socket s) {
        return s.statistics();
    }

    private static ConnectionStatistics connections(Socket s) {
        return s.connectionStatistics();
    }
}
