package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/** PULL: fair-queues from its peers; cannot send. */
final class Pull extends Pattern {
    private final FairQueue in = new FairQueue();

    Pull() {
    }

    @Override
    public boolean attach(Pipe p) {
        in.add(p);
        return true;
    }

    @Override
    public void detach(Pipe p) {
        // Messages already received stay readable; the fair queue drops the pipe once empty.
    }

    @Override
    public boolean trySend(Object message) {
        throw unsupported("PULL", "send");
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
