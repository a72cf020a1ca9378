package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscGrowableVarHandleArrayQueue;
import java.lang.invoke.VarHandle;

/**
 * Receives from each pipe in turn, one message at a time, so that no peer starves the others
 * (PULL, DEALER, ROUTER, REP, REQ, PAIR, SUB). Terminated pipes are dropped once read empty. Used
 * under the socket's receive lock; {@link #add} and {@link #readable} from any thread.
 *
 * <p>With few pipes a receive visits them in turn. Past {@value #VISIT_LIMIT} pipes it reads from
 * a list of the pipes that were told readable instead (as libzmq's active pipes), so that a socket
 * with thousands of idle peers does not visit all of them per message: a pipe goes on the list
 * when messages arrive on it ({@link #readable}, from its connection), goes back to the list's
 * end after each message it gives while it holds more, and leaves it when read empty. Once a
 * socket has used the list it keeps it.
 */
public final class FairQueue {
    /** The number of pipes up to which a receive visits every pipe. */
    static final int VISIT_LIMIT = 16;

    private final CopyOnWriteArray<Pipe> pipes = new CopyOnWriteArray<>(Pipe[]::new);
    /**
     * Listed pipes ({@link Pipe#list}): each at most once; read under the receive lock. A ring that
     * grows to the most pipes ever listed at once and is then reused: listing a pipe allocates
     * nothing (a linked queue's node was 24 B per message received).
     */
    private final MessagePassingQueue<Pipe> listed = new MpscGrowableVarHandleArrayQueue<>(16, MAX_LISTED);
    /** More pipes than any socket can hold (each is a connection or an in-process peer). */
    private static final int MAX_LISTED = 1 << 30;
    private volatile boolean listing;
    private int next;
    private Pipe last;
    /** The pipes as the last visit saw them: when they change, the turn resumes after {@link #last}. */
    private Pipe[] seen;

    /** Adds a pipe. Any thread. */
    public void add(Pipe p) {
        pipes.add(p);
        if (listing) {
            readable(p);
        } else if (pipes.snapshot().length > VISIT_LIMIT) {
            startListing();
        }
    }

    /** Messages arrived on {@code p}, or it was terminated (its connection's thread). */
    public void readable(Pipe p) {
        if (listing && p.list()) {
            enlist(p);
        }
    }

    /** The next message from the next pipe that has one, or {@code null}. */
    public Object tryReceive() {
        return listing ? fromList() : visitAll();
    }

    private Object visitAll() {
        Pipe[] ps = pipes.snapshot();
        if (ps != seen) {
            next = RoundRobin.resume(ps, last, next);
            seen = ps;
        }
        int n = ps.length;
        for (int i = 0; i < n; i++) {
            int idx = RoundRobin.turn(next, i, n);
            Pipe p = ps[idx];
            Object m = p.pollIn();
            if (m != null) {
                next = idx + 1;
                last = p;
                return m;
            }
            if (p.isDead()) {
                pipes.remove(p);
            }
        }
        return null;
    }

    private Object fromList() {
        Pipe p;
        while ((p = listed.poll()) != null) {
            Object m = p.pollIn();
            if (m != null) {
                if (p.hasIn()) {
                    enlist(p);
                } else {
                    unlist(p);
                    if (p.isDead()) {
                        pipes.remove(p);
                    }
                }
                last = p;
                return m;
            }
            unlist(p);
            if (p.isDead()) {
                pipes.remove(p);
            }
        }
        return null;
    }

    /** Puts {@code p} at the list's end (it was not on it: {@link Pipe#list} said so). */
    private void enlist(Pipe p) {
        if (!listed.offer(p)) {
            throw new IllegalStateException("more than " + MAX_LISTED + " pipes listed");
        }
    }

    /** Takes {@code p} off the list, and back on if a message arrived meanwhile. */
    private void unlist(Pipe p) {
        p.unlist();
        // Orders the flag's reset before the queue check: a message offered after the check finds
        // the flag reset and lists the pipe itself.
        VarHandle.fullFence();
        if (p.hasIn() && p.list()) {
            enlist(p);
        }
    }

    /**
     * Switches to the list. Every pipe goes on it once, to be read or found empty (and dropped if
     * dead); from then on only {@link #readable} lists pipes. Any thread.
     */
    private synchronized void startListing() {
        if (listing) {
            return;
        }
        listing = true;
        // Orders the switch before the listing below: a pipe told readable before the switch was
        // not listed by readable(), and is listed here.
        VarHandle.fullFence();
        for (Pipe p : pipes.snapshot()) {
            readable(p);
        }
    }

    /** The pipe the last message came from. */
    public Pipe lastPipe() {
        return last;
    }

    /** The pipes now. */
    public Pipe[] pipes() {
        return pipes.snapshot();
    }
}
