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
    /** The request being answered: its envelope is every frame up to {@link #delimiter}. */
    private volatile byte[][] request;
    private volatile int delimiter;
    private volatile Pipe replyPipe;

    Rep() {
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
            request = parts;
            this.delimiter = delimiter;
            replyPipe = in.lastPipe();
            expectingReceive = false;
            return Parts.tail(parts, delimiter + 1);
        }
    }

    @Override
    public boolean trySend(Object message) {
        if (expectingReceive) {
            throw new IllegalStateException("REP socket: send() before receive() (expected: receive() a request first)");
        }
        Pipe p = replyPipe;
        byte[][] req = request;
        int d = delimiter;
        byte[][] reply;
        if (message instanceof byte[] b && req.length == d + 2 && !p.isInproc()) {
            // A request decoded by a connection belongs to this socket alone: a one-frame reply
            // to a one-frame request reuses its array. (An in-process request's array may be
            // the sender's Message, so it is never changed.)
            req[d + 1] = b;
            reply = req;
        } else {
            reply = Parts.prepend(req, d + 1, message);
        }
        if (!p.offerOut(reply)) {
            p.countDropped();
        }
        request = null;
        replyPipe = null;
        expectingReceive = true;
        return true;
    }

    @Override
    public boolean receivable() {
        return expectingReceive;
    }

    @Override
    public boolean canSendNow() {
        // A reply never blocks (it is dropped if its peer left or is full), so only the state counts.
        return !expectingReceive;
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
