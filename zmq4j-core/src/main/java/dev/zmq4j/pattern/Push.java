package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/** PUSH: round-robin to peers with room; blocks when none has room; cannot receive. */
final class Push extends Pattern {
    private final LoadBalancer out = new LoadBalancer();

    Push() {
    }

    @Override
    public boolean attach(Pipe p) {
        out.add(p);
        return true;
    }

    @Override
    public void detach(Pipe p) {
        out.remove(p);
    }

    @Override
    public boolean trySend(Object message) {
        return out.trySend(message);
    }

    @Override
    public Object tryReceive() {
        throw unsupported("PUSH", "receive");
    }

    @Override
    public Pipe[] pipes() {
        return out.pipes();
    }
}
