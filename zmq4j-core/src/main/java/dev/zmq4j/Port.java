package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.pipe.PeerProperties;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.TransportEvent;
import dev.zmq4j.zmtp.SocketProfile;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A socket as its transports and pipes see it (I/O threads, in-process peers): where pipes attach
 * and detach, whom a pipe's signals wake, where events go. Thread-safe.
 */
final class Port implements SocketPort, Pipe.Owner {
    private final Socket socket;
    private final SocketDescriptor descriptor;
    private final Pattern pattern;
    private final SocketOptions options;
    private final Waiters waiters;
    private final Readiness readiness;
    private final Telemetry telemetry;
    private final PipeCensus census;

    Port(Socket socket, SocketDescriptor descriptor, Pattern pattern, SocketOptions options, Waiters waiters,
         Readiness readiness, Telemetry telemetry, PipeCensus census) {
        this.socket = socket;
        this.descriptor = descriptor;
        this.pattern = pattern;
        this.options = options;
        this.waiters = waiters;
        this.readiness = readiness;
        this.telemetry = telemetry;
        this.census = census;
    }

    // ---- Pipe.Owner ----

    @Override
    public void pipeReadable(Pipe pipe) {
        pattern.pipeReadable(pipe);
        waiters.wakeReceiver(pipe.isInproc());
        readiness.signal();
    }

    @Override
    public void pipeConnected(Pipe pipe) {
        pattern.pipeConnected(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        pattern.pipeWritable(pipe);
        waiters.wakeSender(pipe.isInproc());
        readiness.signal();
    }

    @Override
    public void pipeDropped(Pipe pipe) {
        telemetry.dropped();
    }

    @Override
    public void pipeReadPaused(Pipe pipe, boolean paused) {
        census.readPaused(paused);
    }

    // ---- SocketPort ----

    @Override
    public SocketProfile profile() {
        return descriptor.profile();
    }

    @Override
    public ConnectionOptions options() {
        return options.connectionOptions(socket.type() + " socket");
    }

    @Override
    public Pipe newPipe(ConnectionOptions o) {
        return new Pipe(this, o.sndhwm(), o.rcvhwm(), o.conflate());
    }

    @Override
    public boolean attach(Pipe pipe) {
        boolean ok = !socket.isClosed() && pattern.attach(pipe);
        if (ok) {
            census.attached(pipe);
            telemetry.attached(pipe);
            changed();
        }
        return ok;
    }

    @Override
    public boolean identified(Pipe pipe) {
        return pattern.identified(pipe);
    }

    @Override
    public void detach(Pipe pipe) {
        pattern.detach(pipe);
        census.detached(pipe);
        telemetry.detached(pipe);
        changed();
    }

    private void changed() {
        waiters.wakeAll();
        readiness.signal();
    }

    @Override
    public Pipe.Owner pipeOwner() {
        return this;
    }

    @Override
    public PeerProperties inprocProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(PeerProperties.SOCKET_TYPE, descriptor.name());
        byte[] id = options.get(Option.ROUTING_ID);
        if (id.length > 0) {
            m.put(PeerProperties.ROUTING_ID, new String(id, StandardCharsets.ISO_8859_1));
        }
        m.putAll(options.get(Option.METADATA));
        return PeerProperties.of(m);
    }

    @Override
    public void event(TransportEvent kind, String endpoint, SocketAddress remote, byte[] routingId, String reason, long value) {
        telemetry.event(kind, endpoint, remote, routingId, reason, value);
    }

    @Override
    public void connection(boolean opened) {
        telemetry.connection(opened);
    }
}
