package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;

/**
 * The routing logic of one socket type: where a sent message goes and which received message is
 * delivered. See the package documentation for the threading contract.
 */
public abstract class Pattern {
    /** For subclasses. */
    protected Pattern() {
    }

    /**
     * A pipe whose peer completed its handshake (or a connecting socket's pipe, at connect time).
     *
     * @return {@code false} to refuse the peer (e.g. a second PAIR peer); the connection is closed
     */
    public abstract boolean attach(Pipe pipe);

    /**
     * A pipe attached before its handshake (a connect's) now knows its peer's routing id and
     * properties (I/O thread).
     *
     * @return {@code false} to refuse the peer (ROUTER: its id is in use); its connection is closed
     */
    public boolean identified(Pipe pipe) {
        return true;
    }

    /** The pipe was terminated; stop sending to it. Inbound messages it holds may still be read. */
    public abstract void detach(Pipe pipe);

    /**
     * Routes one message without blocking.
     *
     * @param message a {@code byte[]} or {@code byte[][]} (see {@link Parts})
     * @return {@code false} if it would block (no peer with room); {@code true} if queued or, where
     *         the pattern drops instead of blocking, dropped
     * @throws IllegalStateException         if the socket's state forbids sending now
     * @throws UnsupportedOperationException if the socket type cannot send
     */
    public abstract boolean trySend(Object message);

    /**
     * The next message for the application, or {@code null} if none is ready.
     *
     * @throws IllegalStateException         if the socket's state forbids receiving now
     * @throws UnsupportedOperationException if the socket type cannot receive
     */
    public abstract Object tryReceive();

    /**
     * The pipe the message last returned by {@link #tryReceive} came from, for its peer's
     * properties; {@code null} where a message has no single peer (XPUB's subscriptions).
     */
    public Pipe lastReceivedFrom() {
        return null;
    }

    /** Every pipe the pattern holds, for LINGER and for resuming paused readers. */
    public abstract Pipe[] pipes();

    /**
     * A socket option was set; patterns that care (ROUTER, SUB, XPUB) take its value. Called on the
     * setting thread, with the option's libzmq name without ZMQ_ (e.g. {@code "SUBSCRIBE"}).
     */
    public void onOption(String name, Object value) {
    }

    /**
     * Inbound messages arrived on {@code pipe}, or it was terminated (I/O thread, once per batch);
     * the fair-queueing patterns list the pipe, PUB and XPUB note pending subscriptions.
     */
    public void pipeReadable(Pipe pipe) {
    }

    /**
     * Outbound room was made on {@code pipe} (I/O thread, or an in-process peer's thread, once per
     * drain batch); SUB and XSUB send the subscriptions that were waiting for room. Must be cheap
     * for patterns with nothing waiting.
     */
    public void pipeWritable(Pipe pipe) {
    }

    /**
     * A connection took {@code pipe} (I/O thread, before its first message); for a pipe made by
     * connect() this happens again on each reconnect.
     */
    public void pipeConnected(Pipe pipe) {
    }

    /**
     * Whether the socket's state allows a receive now (a REQ that has not sent, a REP that owes a
     * reply, do not): a poller asks before taking a message ahead. Must not change any state.
     */
    public boolean receivable() {
        return true;
    }

    /**
     * Whether {@link #trySend} would accept a message now, for a poller's WRITABLE event. Must not
     * change any state; may be called from any thread. The default suits patterns that block when
     * every peer is at its HWM (PUSH, PAIR, DEALER): some live pipe has outbound room. Patterns
     * that drop instead of blocking (PUB, XPUB, RADIO, ROUTER) override it to return {@code true}
     * (PUB and XPUB with XPUB_NODROP: unless a subscriber that refused the last send is still
     * full); lock-step patterns (REQ, REP) also check their state.
     */
    public boolean canSendNow() {
        for (Pipe p : pipes()) {
            if (p.hasOutRoom()) {
                return true;
            }
        }
        return false;
    }

    static UnsupportedOperationException unsupported(String type, String op) {
        return new UnsupportedOperationException(type + " sockets cannot " + op);
    }
}
