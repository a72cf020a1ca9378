package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * REP: receive a request from the next peer (fair-queued), keeping its envelope (every frame up to
 * and including the empty delimiter); the reply goes back with that envelope to that peer. Strict
 * lock-step. Requests without a delimiter are dropped; a reply to a peer that left, or whose queue
 * is full, is dropped, as in libzmq.
 */
final class Rep extends Pattern {
    private final FairQueue in = new FairQueue();
    private volatile boolean expectingReceive = true;
    private volatile byte[][] envelope;
    private volatile Pipe replyPipe;

    Rep() {
        super(true, true);
    }

    @Override
    public boolean attach(Pipe p) {
        in.add(p);
        return true;
    }

    @Override
    public void detach(Pipe p) {
        // The fair queue drops the pipe once empty; a reply to it is dropped.
    }

    @Override
    public Object tryReceive() {
        if (!expectingReceive) {
            throw new IllegalStateException("REP socket: receive() called twice (expected: send() the reply first)");
        }
        for (;;) {
            Object m = in.tryReceive();
            if (m == null) {
                return null;
            }
            if (!(m instanceof byte[][] parts)) {
                continue;
            }
            int delimiter = -1;
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].length == 0) {
                    delimiter = i;
                    break;
                }
            }
            if (delimiter < 0 || delimiter == parts.length - 1) {
                continue;
            }
            byte[][] env = new byte[delimiter + 1][];
            System.arraycopy(parts, 0, env, 0, env.length);
            byte[][] body = new byte[parts.length - env.length][];
            System.arraycopy(parts, env.length, body, 0, body.length);
            envelope = env;
            replyPipe = in.lastPipe();
            expectingReceive = false;
            return Parts.toMessage(body);
        }
    }

    @Override
    public boolean trySend(Object message) {
        if (expectingReceive) {
            throw new IllegalStateException("REP socket: send() before receive() (expected: receive() a request first)");
        }
        Pipe p = replyPipe;
        if (!p.offerOut(Parts.prepend(envelope, message))) {
            p.countDropped();
        }
        envelope = null;
        replyPipe = null;
        expectingReceive = true;
        return true;
    }

    @Override
    public boolean canSendNow() {
        // A reply never blocks (it is dropped if its peer left or is full), so only the state counts.
        return !expectingReceive;
    }

    @Override
    public boolean isLockStep() {
        return true;
    }

    @Override
    public Pipe[] pipes() {
        return in.pipes();
    }
}
