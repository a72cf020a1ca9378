package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * ROUTER: each received message is prefixed with a frame holding its sender's routing id (fair
 * queued over peers); each sent message's first frame names the peer it goes to and is removed.
 * A message for an unknown peer is dropped, or with ROUTER_MANDATORY refused with
 * {@link UnroutableException}; a message for a peer at SNDHWM, or for one whose connection has
 * just ended (its pipe terminated, not yet forgotten), is dropped and counted
 * ({@link Pipe#countDropped}), or with ROUTER_MANDATORY waits ("would block") or is refused. A
 * peer whose id is taken is refused unless ROUTER_HANDOVER is on.
 *
 * <p>A pipe made by connect() is attached before its peer's READY tells its Identity: such pipes
 * wait in {@code pending} until their handshake completes ({@link #identified}); a peer whose id
 * is taken (and no handover) is refused then, and its connection closed.
 */
final class Router extends Pattern {
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    private final Set<Pipe> pending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Pipe> departed = new ConcurrentLinkedQueue<>();
    private volatile boolean mandatory;
    private volatile boolean handover;

    Router() {
    }

    @Override
    public void onOption(String name, Object value) {
        switch (name) {
            case "ROUTER_MANDATORY" -> mandatory = (Boolean) value;
            case "ROUTER_HANDOVER" -> handover = (Boolean) value;
            default -> { }
        }
    }

    @Override
    public boolean attach(Pipe p) {
        if (p.routingId().length > 0) {
            // A bound socket's pipe (handshake done) or a connect() given CONNECT_ROUTING_ID.
            if (!table.register(p, p.routingId(), handover)) {
                return false;
            }
        } else {
            pending.add(p);
        }
        in.add(p);
        return true;
    }

    @Override
    public void detach(Pipe p) {
        pending.remove(p);
        table.unroute(p);
        departed.add(p);
        departed.removeIf(d -> {
            if (d.isDead()) {
                table.forget(d);
                return true;
            }
            return false;
        });
    }

    @Override
    public boolean identified(Pipe p) {
        if (!pending.contains(p)) {
            return true;
        }
        if (!table.register(p, p.routingId(), handover)) {
            return false;
        }
        pending.remove(p);
        return true;
    }

    @Override
    public Object tryReceive() {
        for (;;) {
            Object m = in.tryReceive();
            if (m == null) {
                return null;
            }
            Pipe p = in.lastPipe();
            byte[] id = table.idOf(p);
            if (id == null) {
                // Not identified: its peer was refused, so it cannot be answered.
                continue;
            }
            return Parts.prepend(new byte[][] {id}, m);
        }
    }

    @Override
    public boolean trySend(Object message) {
        if (!(message instanceof byte[][] parts)) {
            // Only a routing id, no body: nothing to deliver.
            return true;
        }
        byte[] id = parts[0];
        Pipe p = table.pipe(id);
        if (p == null || p.isTerminated()) {
            if (mandatory) {
                throw new UnroutableException("host unreachable: no peer with routing id " + hex(id));
            }
            if (p != null) {
                // The peer's connection ended since the table last heard of it: lost with it.
                p.countDropped();
            }
            return true;
        }
        if (p.offerOut(Parts.tail(parts, 1))) {
            return true;
        }
        if (!mandatory) {
            p.countDropped();
        }
        return !mandatory;
    }

    private static String hex(byte[] id) {
        return java.util.HexFormat.of().formatHex(id);
    }

    @Override
    public Pipe[] pipes() {
        return in.pipes();
    }

    /** ROUTER is always writable, as in libzmq: a full or unknown peer drops (or, with ROUTER_MANDATORY, the send reports it). */
    @Override
    public boolean canSendNow() {
        return true;
    }

    @Override
    public Pipe lastReceivedFrom() {
        return in.lastPipe();
    }

    @Override
    public void pipeReadable(Pipe p) {
        in.readable(p);
    }
}
