package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * ROUTER: each received message is prefixed with a frame holding its sender's routing id (fair
 * queued over peers); each sent message's first frame names the peer it goes to and is removed.
 * A message for an unknown peer is dropped, or with ROUTER_MANDATORY refused with
 * {@link UnroutableException}; a message for a peer at SNDHWM is dropped, or with ROUTER_MANDATORY
 * waits ("would block"). A peer whose id is taken is refused unless ROUTER_HANDOVER is on.
 *
 * <p>A pipe made by connect() is attached before its peer's READY tells its Identity: such pipes
 * wait in {@code pending} and get their id once connected, when their first message is read or
 * when a send names an id that is not known yet.
 */
final class Router extends Pattern {
    private final FairQueue in = new FairQueue();
    private final RoutingTable table = new RoutingTable();
    private final Set<Pipe> pending = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Pipe> departed = new ConcurrentLinkedQueue<>();
    private volatile boolean mandatory;
    private volatile boolean handover;

    Router() {
        super(true, true);
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

    private void identify(Pipe p) {
        if (pending.remove(p)) {
            table.register(p, p.routingId(), handover);
        }
    }

    private void identifyConnected() {
        for (Pipe p : pending) {
            if (p.isConnected()) {
                identify(p);
            }
        }
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
                identify(p);
                id = table.idOf(p);
                if (id == null) {
                    // Its id was taken by another peer (and no handover): it cannot be answered.
                    continue;
                }
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
        if (p == null && !pending.isEmpty()) {
            identifyConnected();
            p = table.pipe(id);
        }
        if (p == null || p.isTerminated()) {
            if (mandatory) {
                throw new UnroutableException("host unreachable: no peer with routing id " + hex(id));
            }
            return true;
        }
        Object body;
        if (parts.length == 2) {
            body = parts[1];
        } else {
            byte[][] rest = new byte[parts.length - 1][];
            System.arraycopy(parts, 1, rest, 0, rest.length);
            body = rest;
        }
        if (p.offerOut(body)) {
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
}
