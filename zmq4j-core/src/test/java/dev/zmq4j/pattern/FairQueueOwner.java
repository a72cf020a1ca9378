package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import java.nio.charset.StandardCharsets;

/**
 * A pipe owner that tells its {@link FairQueue} when a pipe has messages, as a socket's port does;
 * and a connection's side of delivering one. Shared by the fair queue's tests.
 */
final class FairQueueOwner implements Pipe.Owner {
    final FairQueue fq = new FairQueue();

    /** A new pipe, added to the fair queue. */
    Pipe newPipe() {
        Pipe p = new Pipe(this, 0, 0);
        fq.add(p);
        return p;
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        fq.readable(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
    }

    /**
     * What a connection does with a message read for {@code p}: queues it and tells the owner. Plain
     * Java (no assertion library), so that it stays cheap under Lincheck's instrumentation.
     */
    static void deliver(Pipe p, String message) {
        if (!p.offerIn(message.getBytes(StandardCharsets.UTF_8))) {
            throw new AssertionError("no room for " + message);
        }
        p.notifyReadable();
    }
}
