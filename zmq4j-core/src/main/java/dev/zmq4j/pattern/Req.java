package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * REQ: send a request (with an empty delimiter frame before it) to the next peer, then accept a
 * reply only from that peer; strict lock-step. Replies without the delimiter, or from other peers,
 * are dropped.
 */
final class Req extends Pattern {
    private static final byte[][] DELIMITER = {Parts.EMPTY};

    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();
    private volatile boolean expectingSend = true;
    private volatile Pipe replyPipe;

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
        if (!expectingSend) {
            throw new IllegalStateException("REQ socket: send() called twice (expected: receive() the reply first)");
        }
        if (!out.trySend(Parts.prepend(DELIMITER, message))) {
            return false;
        }
        replyPipe = out.lastPipe();
        expectingSend = false;
        return true;
    }

    @Override
    public Object tryReceive() {
        if (expectingSend) {
            throw new IllegalStateException("REQ socket: receive() before send() (expected: send() a request first)");
        }
        for (;;) {
            Object m = in.tryReceive();
            if (m == null) {
                return null;
            }
            if (in.lastPipe() != replyPipe || !(m instanceof byte[][] parts) || parts[0].length != 0) {
                continue;
            }
            byte[][] body = new byte[parts.length - 1][];
            System.arraycopy(parts, 1, body, 0, body.length);
            expectingSend = true;
            return Parts.toMessage(body);
        }
    }

    @Override
    public boolean canSendNow() {
        if (!expectingSend) {
            return false;
        }
        for (Pipe p : out.pipes()) {
            if (p.hasOutRoom()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean isLockStep() {
        return true;
    }

    @Override
    public Pipe[] pipes() {
        return in.pipes();
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public boolean canReceive() {
        return true;
    }
}
