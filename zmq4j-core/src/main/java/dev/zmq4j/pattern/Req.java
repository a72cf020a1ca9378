package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * REQ: send a request (with an empty delimiter frame before it) to the next peer, then accept a
 * reply only from that peer; strict lock-step. Replies without the delimiter, or from other peers,
 * are dropped. REQ_RELAXED lets a new request go before the previous reply (which is then
 * discarded); REQ_CORRELATE puts a 4-byte request id frame before the delimiter and accepts only
 * the reply that carries the last request's id.
 */
final class Req extends Pattern {
    private static final byte[][] DELIMITER = {Parts.EMPTY};

    private final LoadBalancer out = new LoadBalancer();
    private final FairQueue in = new FairQueue();
    private volatile boolean expectingSend = true;
    private volatile Pipe replyPipe;
    private volatile boolean relaxed;
    private volatile boolean correlate;
    /** The last request's id (REQ_CORRELATE), or {@code null}. */
    private volatile byte[] expectedId;
    private int nextRequestId = java.util.concurrent.ThreadLocalRandom.current().nextInt();

    Req() {
    }

    @Override
    public void onOption(String name, Object value) {
        switch (name) {
            case "REQ_RELAXED" -> relaxed = (Boolean) value;
            case "REQ_CORRELATE" -> correlate = (Boolean) value;
            default -> { }
        }
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
        if (!expectingSend && !relaxed) {
            throw new IllegalStateException("REQ socket: send() called twice (expected: receive() the reply first)");
        }
        byte[][] head = DELIMITER;
        byte[] id = null;
        if (correlate) {
            int n = nextRequestId++;
            id = new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
            head = new byte[][] {id, Parts.EMPTY};
        }
        if (!out.trySend(Parts.prepend(head, message))) {
            return false;
        }
        expectedId = id;
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
            if (in.lastPipe() != replyPipe || !(m instanceof byte[][] parts)) {
                continue;
            }
            byte[] id = expectedId;
            int skip = id == null ? 1 : 2;
            if (parts.length <= skip || parts[skip - 1].length != 0
                    || (id != null && !java.util.Arrays.equals(parts[0], id))) {
                continue;
            }
            expectingSend = true;
            // A one-frame reply travels as its array, with no array around it.
            return Parts.tail(parts, skip);
        }
    }

    @Override
    public boolean receivable() {
        return !expectingSend;
    }

    @Override
    public boolean canSendNow() {
        return (expectingSend || relaxed) && super.canSendNow();
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
