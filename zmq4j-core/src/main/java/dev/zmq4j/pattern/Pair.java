package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/** PAIR: exactly one peer at a time, both directions; a second peer is refused. */
final class Pair extends Pattern {
    private final FairQueue in = new FairQueue();
    private volatile Pipe pipe;

    Pair() {
    }

    @Override
    public synchronized boolean attach(Pipe p) {
        if (pipe != null && !pipe.isTerminated()) {
            return false;
        }
        pipe = p;
        in.add(p);
        return true;
    }

    @Override
    public synchronized void detach(Pipe p) {
        if (pipe == p) {
            pipe = null;
        }
    }

    @Override
    public boolean trySend(Object message) {
        Pipe p = pipe;
        return p != null && p.offerOut(message);
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
