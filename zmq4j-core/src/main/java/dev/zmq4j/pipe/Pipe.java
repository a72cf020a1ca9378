package dev.zmq4j.pipe;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pair of single-producer single-consumer queues between a socket and one peer connection.
 *
 * <pre>
 *   socket (user threads, under its send lock)  --out-->  connection (I/O thread)
 *   socket (user threads, under its recv lock)  <--in---  connection (I/O thread)
 * </pre>
 *
 * <p>Wake-ups are sent only on edges: the connection is woken when the outbound queue may have
 * gone from empty to non-empty and it is not already draining; the socket is told once per batch
 * of inbound messages, and a connection that paused reading at RCVHWM is resumed once the socket
 * has drained the queue to half.
 *
 * <p>Thread-safety: each queue has exactly one producer and one consumer, as above. A pipe that
 * outlives its connection (a connecting socket's pipe across reconnects) is handed from one
 * connection to the next with {@link #attach} and {@link #detach}.
 *
 * <p><b>In-process pipes</b> ({@link #inproc}, {@link #inprocPeer}) have no connection: two ends,
 * one per socket, share their queues (one end's outbound queue is the other's inbound queue), so
 * a message is passed by reference from one socket's send to the other's receive. Wake-ups go
 * straight to the other socket's {@link Owner}: readable after each send, writable after each
 * receive. Each queue's limit is the sender's SNDHWM plus the receiver's RCVHWM (none if either
 * is 0), as in libzmq.
 */
public final class Pipe {
    /** The connection side of a pipe. Methods may be called from any thread. */
    public interface Connection {
        /** Outbound messages are waiting; drain them (called on an empty→non-empty edge). */
        void wakeWriter();

        /** The socket made room in the inbound queue; resume reading. */
        void resumeReading();

        /**
         * Whether messages taken from the pipe are still on their way to the wire (being encoded,
         * or waiting in the transport's write buffer), which LINGER must also wait for.
         */
        boolean hasUnflushedWrites();
    }

    /** The socket side of a pipe. Methods are called from I/O threads. */
    public interface Owner {
        /** Inbound messages arrived on {@code pipe}. */
        void pipeReadable(Pipe pipe);

        /** Outbound room was made on {@code pipe}. */
        void pipeWritable(Pipe pipe);

        /**
         * A connection took {@code pipe} (each connection of a reconnecting pipe, before its first
         * message); subscription patterns resend or forget subscriptions here.
         */
        default void pipeConnected(Pipe pipe) {
        }

        /** The pattern dropped a message meant for {@code pipe} (it may be gone). Under the send lock. */
        default void pipeDropped(Pipe pipe) {
        }

        /**
         * The connection of {@code pipe} paused reading at RCVHWM ({@code paused}), or it was
         * resumed. Called once per change, a pause before the pipe reads as paused (so a count
         * of paused pipes kept here is never below the truth); any thread.
         */
        default void pipeReadPaused(Pipe pipe, boolean paused) {
        }
    }

    private final HwmQueue out;
    private final HwmQueue in;
    private final long inResumeLevel;
    private final Owner owner;
    private final boolean inproc;
    /** The other end of an in-process pipe, once both sockets are there. */
    private volatile Pipe peer;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    private final AtomicBoolean readPaused = new AtomicBoolean();
    private volatile Connection connection;
    private volatile boolean terminated;
    /**
     * How many messages the outbound queue had ever taken when {@link #abandonOut} counted what it
     * held; -1 before. Guarded by this pipe's monitor.
     */
    private long abandonedUpTo = -1;
    /** Whether the pipe is in its socket's list of pipes to read (see {@link #list}). */
    private final AtomicBoolean listed = new AtomicBoolean();
    private volatile byte[] routingId = new byte[0];
    private volatile PeerProperties peerProperties = PeerProperties.none();

    private final PipeCounters counters = new PipeCounters();

    /**
     * @param owner  the socket
     * @param sndhwm the outbound limit in messages, 0 for none
     * @param rcvhwm the inbound limit in messages, 0 for none
     */
    public Pipe(Owner owner, int sndhwm, int rcvhwm) {
        this(owner, sndhwm, rcvhwm, false);
    }

    /**
     * @param conflate keep only the last message in each direction (CONFLATE): an offer always
     *                 succeeds and replaces a message not yet taken
     */
    public Pipe(Owner owner, int sndhwm, int rcvhwm, boolean conflate) {
        this(owner, conflate ? HwmQueue.conflating() : new HwmQueue(sndhwm),
                conflate ? HwmQueue.conflating() : new HwmQueue(rcvhwm), false);
    }

    private Pipe(Owner owner, HwmQueue out, HwmQueue in, boolean inproc) {
        this.owner = owner;
        this.out = out;
        this.in = in;
        this.inproc = inproc;
        this.inResumeLevel = in.limit() / 2;
    }

    /**
     * Creates the connecting end of an in-process pipe. Until {@link #inprocPeer} makes the other
     * end, messages queue up to {@code sndhwm} (0 = no limit).
     */
    public static Pipe inproc(Owner owner, int sndhwm, int rcvhwm) {
        return new Pipe(owner, HwmQueue.adjustable(sndhwm), HwmQueue.adjustable(rcvhwm), true);
    }

    /**
     * Creates the connecting end of an in-process pipe to a socket already bound, whose HWMs are
     * known: the queues are preallocated with their final limits, and {@link #inprocPeer} keeps them.
     */
    public static Pipe inproc(Owner owner, int sndhwm, int rcvhwm, int peerSndhwm, int peerRcvhwm) {
        return new Pipe(owner, HwmQueue.combined(sndhwm, peerRcvhwm), HwmQueue.combined(rcvhwm, peerSndhwm), true);
    }

    /**
     * Creates the binding end of this in-process pipe, for {@code owner} with its HWMs, and links
     * the two ends; each queue's limit becomes the sender's SNDHWM plus the receiver's RCVHWM.
     *
     * @throws IllegalStateException if this is not an unlinked in-process end
     */
    public Pipe inprocPeer(Owner owner, int sndhwm, int rcvhwm) {
        if (!inproc || peer != null) {
            throw new IllegalStateException("pipe: " + (inproc ? "already linked" : "not in-process")
                    + " (expected: an unlinked in-process pipe)");
        }
        out.combine(rcvhwm);
        in.combine(sndhwm);
        Pipe other = new Pipe(owner, in, out, true);
        other.peer = this;
        peer = other;
        return other;
    }

    /** The other end of an in-process pipe, or {@code null} (not linked yet, or not in-process). */
    public Pipe peer() {
        return peer;
    }

    /** Whether this is an end of an in-process pipe. */
    public boolean isInproc() {
        return inproc;
    }

    // ---- socket side ----

    /**
     * Queues a message for the peer, never blocking.
     *
     * @return {@code false} if the outbound queue is at its limit (or the pipe is terminated)
     */
    public boolean offerOut(Object message) {
        if (terminated || !out.offer(message)) {
            return false;
        }
        // The connection clears writeScheduled, then re-checks the queue; this fence orders our
        // offer before our read of the flag, so one of the two sides always sees the other.
        // In-process, it orders the offer before the read of the receiving socket's waiter.
        VarHandle.fullFence();
        if (inproc) {
            // No connection counts for an in-process pipe: each end counts what passes it.
            countOut(1, PipeCounters.bodyBytes(message));
            Pipe p = peer;
            if (p != null) {
                p.owner.pipeReadable(p);
            }
            return true;
        }
        if (terminated) {
            offeredAsTerminated(out.offered());
            return true;
        }
        Connection c = connection;
        if (c != null && !writeScheduled.get() && writeScheduled.compareAndSet(false, true)) {
            c.wakeWriter();
        }
        return true;
    }

    /**
     * A message queued just as the pipe was terminated (its number {@code n} in the outbound
     * queue): counted dropped here if {@link #abandonOut} has already counted the queue without it.
     * Otherwise that count, still to come, includes it. The fences order the two: the offer, then
     * this side's read of {@code terminated}; the write of {@code terminated}, then
     * {@link #abandonOut}'s read of the queue. One of the two sides sees the other.
     */
    private synchronized void offeredAsTerminated(long n) {
        if (abandonedUpTo >= 0 && n > abandonedUpTo) {
            owner.pipeDropped(this);
        }
    }

    /**
     * The pipe left its socket for good ({@link #terminate} came first): returns the number of
     * messages still in the outbound queue, lost with the connection, and notes how many were ever
     * queued, so that a message offered concurrently, after this count, is counted dropped by its
     * sender instead (see {@link #offeredAsTerminated}). Counts each message once.
     */
    public synchronized long abandonOut() {
        VarHandle.fullFence();
        HwmQueue.Count q = out.offeredAndQueued();
        abandonedUpTo = q.offered();
        return q.queued();
    }

    /** Takes the next inbound message, or {@code null}. */
    public Object pollIn() {
        Object m = in.poll();
        if (m != null) {
            if (inproc) {
                countIn(1, PipeCounters.bodyBytes(m));
                wakeInprocWriter();
            } else if (readPaused.get()) {
                maybeResume();
            }
        }
        return m;
    }

    private void wakeInprocWriter() {
        Pipe p = peer;
        if (p != null) {
            // Orders our poll before the read of the sending socket's waiter (which re-checks the
            // queue after publishing itself), so a sender blocked at the limit is always woken.
            VarHandle.fullFence();
            p.owner.pipeWritable(p);
        }
    }

    /**
     * Resumes a connection that paused reading, once the queue is down to half. Called after each
     * poll that sees the paused flag, and before the socket parks (which closes the race with a
     * connection that pauses just as the socket drains the last message).
     */
    public void maybeResume() {
        if (readPaused.get() && in.size() <= inResumeLevel && readPaused.compareAndSet(true, false)) {
            owner.pipeReadPaused(this, false);
            Connection c = connection;
            if (c != null) {
                c.resumeReading();
            }
        }
    }

    /**
     * Marks the pipe as listed for reading, for a fair queue that keeps a list of the pipes that
     * may hold messages instead of visiting every pipe.
     *
     * @return {@code true} if it was not listed: the caller puts it on the list
     */
    public boolean list() {
        return !listed.get() && listed.compareAndSet(false, true);
    }

    /** The pipe left its fair queue's list (the list's reader only). */
    public void unlist() {
        listed.set(false);
    }

    /** Whether inbound messages are queued. */
    public boolean hasIn() {
        return !in.isEmpty();
    }

    /**
     * Whether a message offered now would be queued: the pipe is live and its outbound queue is
     * below its limit, or conflates (a snapshot, for pollers and XPUB_NODROP).
     */
    public boolean hasOutRoom() {
        return !terminated && out.hasRoom();
    }

    /** The number of messages waiting to be sent. */
    public int outSize() {
        return out.size();
    }

    /**
     * Whether messages are waiting to be sent: queued here, or taken by the connection but not yet
     * written to the operating system. Check {@link #outSize()} first: the connection takes the
     * last message before it reports the write as pending. An in-process end has something unsent
     * only while it waits for its name to be bound: once linked, what it queued is with the peer
     * socket, which can read it after this end is gone.
     */
    public boolean hasUnsent() {
        if (inproc) {
            return peer == null && out.size() > 0;
        }
        if (out.size() > 0) {
            return true;
        }
        Connection c = connection;
        return c != null && c.hasUnflushedWrites();
    }

    // ---- connection side ----

    /** Hands the pipe to a connection; the connection is then woken to drain what is queued. */
    public void attach(Connection c) {
        owner.pipeConnected(this);
        connection = c;
        clearReadPaused();
        writeScheduled.set(true);
        c.wakeWriter();
    }

    /** Takes the pipe from {@code c}; queued messages stay for the next connection. */
    public void detach(Connection c) {
        if (connection == c) {
            connection = null;
            writeScheduled.set(false);
            clearReadPaused();
        }
    }

    /** Whether {@code c} is the connection that owns the pipe now. */
    public boolean isAttachedTo(Connection c) {
        return connection == c;
    }

    /** Whether a connection owns the pipe. */
    public boolean isConnected() {
        return connection != null;
    }

    /** Takes the next outbound message, or {@code null}. Connection side. */
    public Object pollOut() {
        return out.poll();
    }

    /**
     * Called by the connection when it found the outbound queue empty and stops draining.
     *
     * @return {@code true} if messages arrived meanwhile and the connection must go on draining
     */
    public boolean writerIdle() {
        writeScheduled.set(false);
        VarHandle.fullFence();
        return !out.isEmpty() && writeScheduled.compareAndSet(false, true);
    }

    /**
     * How many messages a connection takes out of the outbound queue between telling the socket
     * there is room: half the limit (libzmq's low-water mark), at most {@code most}, at least 1.
     */
    public int writableEvery(int most) {
        return (int) Math.max(1, Math.min(most, out.limit() / 2));
    }

    /** Tells the socket that room was made in the outbound queue. */
    public void notifyWritable() {
        VarHandle.fullFence();
        owner.pipeWritable(this);
    }

    /**
     * Queues an inbound message. On {@code false} the connection keeps the message, stops reading
     * and calls {@link #pauseReading()}.
     */
    public boolean offerIn(Object message) {
        return in.offer(message);
    }

    /**
     * Marks the connection paused at RCVHWM.
     *
     * @return {@code true} if the socket already made room, so the connection must not pause
     */
    public boolean pauseReading() {
        if (!readPaused.get()) {
            owner.pipeReadPaused(this, true);
            readPaused.set(true);
        }
        VarHandle.fullFence();
        if (in.size() <= inResumeLevel && readPaused.compareAndSet(true, false)) {
            owner.pipeReadPaused(this, false);
            return true;
        }
        return false;
    }

    private void clearReadPaused() {
        if (readPaused.getAndSet(false)) {
            owner.pipeReadPaused(this, false);
        }
    }

    /** Tells the socket that a batch of inbound messages arrived. */
    public void notifyReadable() {
        VarHandle.fullFence();
        owner.pipeReadable(this);
    }

    // ---- statistics ----

    /**
     * Adds a batch of received messages and their body bytes. Connection side, once per batch;
     * an in-process end counts each message it takes.
     */
    public void countIn(long messages, long bytes) {
        counters.in(messages, bytes);
    }

    /**
     * Adds a batch of written messages and their body bytes. Connection side, once per batch; an
     * in-process end counts each message it queues.
     */
    public void countOut(long messages, long bytes) {
        counters.out(messages, bytes);
    }

    /**
     * Reports a message dropped instead of passing this pipe: by the pattern instead of queuing
     * it here (socket side, under the send lock), or by the connection that held it at RCVHWM
     * when it closed (its I/O thread).
     */
    public void countDropped() {
        owner.pipeDropped(this);
    }

    /**
     * Empties the outbound queue of an in-process end that was never linked (the name it
     * connected to was never bound, and the pipe has ended): nobody will read those messages.
     * They were counted out when queued; they are taken out of {@link #messagesOut()} and
     * {@link #bytesOut()} again. Does nothing to any other pipe.
     *
     * @return the number of messages discarded
     */
    public int discardUnlinked() {
        if (!inproc || peer != null || !terminated) {
            return 0;
        }
        int n = 0;
        long bytes = 0;
        for (Object m; (m = out.poll()) != null;) {
            n++;
            bytes += PipeCounters.bodyBytes(m);
        }
        countOut(-n, -bytes);
        return n;
    }

    /** Messages received on this pipe so far. Any thread. */
    public long messagesIn() {
        return counters.messagesIn();
    }

    /** Body bytes received on this pipe so far. Any thread. */
    public long bytesIn() {
        return counters.bytesIn();
    }

    /** Messages written to the peer so far. Any thread. */
    public long messagesOut() {
        return counters.messagesOut();
    }

    /** Body bytes written to the peer so far. Any thread. */
    public long bytesOut() {
        return counters.bytesOut();
    }

    /** The number of received messages waiting to be read. */
    public int inSize() {
        return in.size();
    }

    // ---- lifecycle ----

    /** Ends the pipe for good: nothing more is sent; queued inbound messages may still be read. */
    public void terminate() {
        terminated = true;
        connection = null;
        owner.pipeWritable(this);
        owner.pipeReadable(this);
    }

    /** Whether the pipe was terminated. */
    public boolean isTerminated() {
        return terminated;
    }

    /** Whether the pipe is terminated and has nothing left to read. */
    public boolean isDead() {
        return terminated && in.isEmpty();
    }

    /** The peer's routing id (from its READY Identity), never {@code null}. */
    public byte[] routingId() {
        return routingId;
    }

    /** Records the peer's routing id. */
    public void routingId(byte[] id) {
        this.routingId = id;
    }

    /** The properties of the peer now connected (or last connected), shared by its messages. */
    public PeerProperties peerProperties() {
        return peerProperties;
    }

    /** Records the properties of the peer that just completed its handshake (or was linked in-process). */
    public void peerProperties(PeerProperties properties) {
        this.peerProperties = properties;
    }
}
