package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * PUB and XPUB: every message to each subscriber whose subscription prefixes it, dropped for a
 * subscriber at SNDHWM (see {@link Distributor}), or with XPUB_NODROP refused as "would block"
 * until every matching subscriber has room. XPUB also receives the subscriptions
 * ({@code 0x01topic} / {@code 0x00topic}): by default a topic's first subscribe and last cancel,
 * all subscribes with XPUB_VERBOSE, everything with XPUB_VERBOSER; with XPUB_MANUAL none is applied
 * until the application sets SUBSCRIBE/UNSUBSCRIBE for the peer that sent the last one.
 */
final class Pub extends Pattern {
    private final boolean xpub;
    private final Distributor out;

    Pub(boolean xpub) {
        this.xpub = xpub;
        this.out = new Distributor(xpub);
    }

    @Override
    public void onOption(String name, Object value) {
        if (name.equals("XPUB_NODROP")) {
            out.nodrop = (Boolean) value;
            return;
        }
        if (!xpub) {
            return;
        }
        switch (name) {
            case "XPUB_VERBOSE" -> out.verbose = (Boolean) value;
            case "XPUB_VERBOSER" -> out.verboser = (Boolean) value;
            case "XPUB_MANUAL" -> out.manual = (Boolean) value;
            case "XPUB_WELCOME_MSG" -> out.welcome = (byte[]) value;
            case "SUBSCRIBE" -> out.manualSubscription((byte[]) value, true);
            case "UNSUBSCRIBE" -> out.manualSubscription((byte[]) value, false);
            default -> { }
        }
    }

    @Override
    public boolean attach(Pipe p) {
        out.attach(p);
        return true;
    }

    @Override
    public void detach(Pipe p) {
        out.detach(p);
    }

    @Override
    public void pipeReadable(Pipe p) {
        out.readable(p);
    }

    @Override
    public void pipeConnected(Pipe p) {
        out.reset(p);
    }

    @Override
    public boolean trySend(Object message) {
        return out.send(message);
    }

    @Override
    public Object tryReceive() {
        if (!xpub) {
            throw unsupported("PUB", "receive");
        }
        return out.pollUpstream();
    }

    @Override
    public Pipe[] pipes() {
        return out.pipes();
    }

    /**
     * PUB and XPUB never block: a subscriber at SNDHWM misses the message. With XPUB_NODROP, not
     * writable while a subscriber that refused the last send is still full.
     */
    @Override
    public boolean canSendNow() {
        return !out.nodrop || out.blockedHaveRoom();
    }
}
