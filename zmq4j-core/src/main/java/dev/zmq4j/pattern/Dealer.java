package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * DEALER: round-robin out to peers with room (blocks when none has room), fair-queued in; no
 * lock-step and no envelope handling, so it talks to REP (the application adds the empty
 * delimiter), ROUTER and other DEALERs.
 */
final class Dealer extends Pattern {
    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();

    Dealer() {
    }

    @Override
    public boolean attach(Pipe p) {
        out.add(p);
        in.add(p);
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
        return in.tryReceive();
    }

    @Override
    public Pipe[] pipes() {
        return in.pipes();
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
