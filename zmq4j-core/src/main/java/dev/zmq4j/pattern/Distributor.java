package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * PUB's and XPUB's send side: each message goes to every subscriber with a subscription that
 * prefixes its first frame, once; a subscriber at SNDHWM misses that message, and so does one
 * whose connection ended since it was matched (both counted in {@link Pipe#countDropped}, reported
 * by {@code Socket.statistics()}), so the publisher never blocks.
 * With XPUB_NODROP ({@link #nodrop}) a message goes to all its subscribers or, when one of them is
 * at SNDHWM, to none: the send is refused ("would block") and the full subscribers are remembered
 * ({@link #blockedHaveRoom}) so that a poller reports WRITABLE once they have room.
 *
 * <p>Subscriptions arrive as inbound messages {@code 0x01topic} / {@code 0x00topic} on the
 * subscribers' pipes. The I/O thread only notes the pipe ({@link #readable}, at most once until
 * processed); the next send or receive drains just the noted pipes into the trie, under
 * {@link #lock}. A subscription that is still on its way when a message is sent (not yet in the
 * pipe, or in it but not yet noted) does not apply to that message: it crossed it, as it would on
 * the wire. Pipes that leave, or reconnect, are noted the same way and their subscriptions removed.
 *
 * <p>Thread-safety: {@link #attach}, {@link #detach}, {@link #readable} and {@link #reset} from any
 * thread; the rest under {@link #lock}, which also serialises the producers of each pipe's
 * outbound queue (the sender, and the I/O thread offering a welcome message).
 */
final class Distributor implements Consumer<Distributor.Subscriber> {
    /** One subscriber pipe and its counters. */
    static final class Subscriber {
        final Pipe pipe;
        long seenEpoch;
        final AtomicBoolean noted = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        volatile boolean departed;

        Subscriber(Pipe pipe) {
            this.pipe = pipe;
        }
    }

    final ReentrantLock lock = new ReentrantLock();
    private final SubscriptionTrie<Subscriber> trie = new SubscriptionTrie<>();
    private final ConcurrentHashMap<Pipe, Subscriber> subscribers = new ConcurrentHashMap<>();
    private final Queue<Subscriber> noted = new ConcurrentLinkedQueue<>();
    private final Queue<Subscriber> departed = new ConcurrentLinkedQueue<>();
    private final Queue<Subscriber> resets = new ConcurrentLinkedQueue<>();
    private final Consumer<byte[]> lastGone = this::lastGone;
    /** XPUB: what the application receives; {@code null} for PUB. */
    private final Queue<byte[]> upstream;
    private final CopyOnWriteArray<Pipe> pipes = new CopyOnWriteArray<>(Pipe[]::new);
    private long epoch;
    private Object current;
    volatile boolean manual;
    volatile boolean verbose;
    volatile boolean verboser;
    volatile byte[] welcome = Parts.EMPTY;
    volatile boolean nodrop;
    private Subscriber lastSender;
    /** NODROP: the matching subscribers of the current send, collected before any is offered it. */
    private final Consumer<Subscriber> collect = this::collect;
    private Subscriber[] matched = new Subscriber[8];
    private int matchedCount;
    /** NODROP: the full subscribers that refused the last send; empty after a send that went out. */
    private volatile Pipe[] blocked = NO_PIPES;
    private static final Pipe[] NO_PIPES = new Pipe[0];

    Distributor(boolean xpub) {
        this.upstream = xpub ? new ConcurrentLinkedQueue<>() : null;
    }

    void attach(Pipe p) {
        Subscriber s = new Subscriber(p);
        subscribers.put(p, s);
        pipes.add(p);
        // An inproc peer may have queued its subscriptions before this end was attached; their
        // readable signal found no subscriber then.
        if (p.hasIn()) {
            readable(p);
        }
        byte[] w = welcome;
        if (w.length > 0) {
            lock.lock();
            try {
                p.offerOut(w);
            } finally {
                lock.unlock();
            }
        }
    }

    void detach(Pipe p) {
        pipes.remove(p);
        Subscriber s = subscribers.remove(p);
        if (s != null) {
            s.departed = true;
            departed.add(s);
        }
    }

    void readable(Pipe p) {
        Subscriber s = subscribers.get(p);
        if (s != null && !s.noted.get() && s.noted.compareAndSet(false, true)) {
            noted.add(s);
        }
    }

    /** A reconnecting pipe has a new peer: what the old one subscribed to no longer holds. */
    void reset(Pipe p) {
        Subscriber s = subscribers.get(p);
        if (s != null && s.connections.incrementAndGet() > 1) {
            resets.add(s);
        }
    }

    Pipe[] pipes() {
        return pipes.snapshot();
    }

    /**
     * Sends {@code message} to every matching subscriber. Never blocks.
     *
     * @return {@code false} only with {@link #nodrop}, when a matching subscriber is at SNDHWM (then
     *         no subscriber got the message)
     */
    boolean send(Object message) {
        lock.lock();
        try {
            applyPending();
            if (trie.isEmpty()) {
                return true;
            }
            byte[] topic = message instanceof byte[] b ? b : ((byte[][]) message)[0];
            epoch++;
            if (nodrop) {
                return sendToAllOrNone(topic, message);
            }
            current = message;
            trie.match(topic, this);
            current = null;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * NODROP: offers {@code message} to every matching subscriber if each has room, else to none.
     * Under the lock we are the only producer of every outbound queue, and its consumer only makes
     * room, so the check holds for the offers that follow it.
     */
    private boolean sendToAllOrNone(byte[] topic, Object message) {
        matchedCount = 0;
        trie.match(topic, collect);
        int n = matchedCount;
        int full = 0;
        for (int i = 0; i < n; i++) {
            if (full(matched[i])) {
                full++;
            }
        }
        if (full > 0) {
            Pipe[] refused = new Pipe[full];
            for (int i = 0, j = 0; i < n; i++) {
                if (full(matched[i])) {
                    refused[j++] = matched[i].pipe;
                }
            }
            blocked = refused;
        } else {
            for (int i = 0; i < n; i++) {
                Subscriber s = matched[i];
                // A subscriber gone since it was matched lost this message with its connection.
                if (s.departed || !s.pipe.offerOut(message)) {
                    s.pipe.countDropped();
                }
            }
            if (blocked.length > 0) {
                blocked = NO_PIPES;
            }
        }
        Arrays.fill(matched, 0, n, null);
        return full == 0;
    }

    /** NODROP: whether {@code s} refuses the current send: live, and its outbound queue at SNDHWM. */
    private static boolean full(Subscriber s) {
        Pipe p = s.pipe;
        return !s.departed && !p.hasOutRoom() && !p.isTerminated();
    }

    /**
     * Trie visitor for NODROP: collects the matching subscribers of the current send, once each,
     * including those that left since they were matched (counted dropped if the send goes out).
     */
    private void collect(Subscriber s) {
        if (s.seenEpoch == epoch) {
            return;
        }
        s.seenEpoch = epoch;
        if (matchedCount == matched.length) {
            matched = Arrays.copyOf(matched, matchedCount * 2);
        }
        matched[matchedCount++] = s;
    }

    /**
     * NODROP: whether every subscriber that refused the last send has room now (or is gone); true
     * when no send was refused. Any thread.
     */
    boolean blockedHaveRoom() {
        for (Pipe p : blocked) {
            if (!p.hasOutRoom() && !p.isTerminated()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Trie visitor: offers the current message to {@code s}, once per send. The message is counted
     * dropped when the subscriber cannot take it: at SNDHWM, or gone since the trie last heard of
     * it (its pipe terminated, or detached, by its I/O thread after {@link #applyPending}). A
     * successful offer costs what it did before these were counted: the epoch check, one volatile
     * read ({@code departed}) and the offer.
     */
    @Override
    public void accept(Subscriber s) {
        if (s.seenEpoch == epoch) {
            return;
        }
        s.seenEpoch = epoch;
        if (s.departed || !s.pipe.offerOut(current)) {
            s.pipe.countDropped();
        }
    }

    /** XPUB: the next subscription message for the application, or {@code null}. */
    byte[] pollUpstream() {
        lock.lock();
        try {
            applyPending();
            return upstream.poll();
        } finally {
            lock.unlock();
        }
    }

    /** XPUB_MANUAL: applies a subscription for the subscriber that sent the last one. */
    void manualSubscription(byte[] topic, boolean subscribe) {
        lock.lock();
        try {
            applyPending();
            Subscriber s = lastSender;
            if (s == null || s.departed) {
                return;
            }
            if (subscribe) {
                trie.add(topic, s);
            } else {
                trie.remove(topic, s);
            }
        } finally {
            lock.unlock();
        }
    }

    private void applyPending() {
        Subscriber s;
        while ((s = resets.poll()) != null) {
            trie.removeAll(s, lastGone);
        }
        while ((s = noted.poll()) != null) {
            // Clear the note before draining: a message that arrives after our last poll notes the
            // pipe again, so it is never left unprocessed.
            s.noted.set(false);
            Object m;
            while ((m = s.pipe.pollIn()) != null) {
                if (!s.departed) {
                    onInbound(s, m);
                }
            }
        }
        while ((s = departed.poll()) != null) {
            trie.removeAll(s, lastGone);
            if (lastSender == s) {
                lastSender = null;
            }
        }
    }

    private void onInbound(Subscriber s, Object m) {
        if (!Subscriptions.isSubscription(m)) {
            // Not a subscription: XPUB passes it on (as libzmq does), PUB ignores it.
            if (upstream != null && m instanceof byte[] b2) {
                upstream.add(b2);
            }
            return;
        }
        byte[] b = (byte[]) m;
        byte[] topic = Subscriptions.topic(b);
        boolean subscribe = Subscriptions.isSubscribe(b);
        if (manual) {
            lastSender = s;
            deliver(b);
            return;
        }
        if (subscribe) {
            boolean first = !trie.hasSubscribers(topic);
            trie.add(topic, s);
            if (first || verbose || verboser) {
                deliver(b);
            }
        } else {
            boolean removed = trie.remove(topic, s);
            if ((removed && !trie.hasSubscribers(topic)) || verboser) {
                deliver(b);
            }
        }
    }

    private void lastGone(byte[] topic) {
        if (upstream != null) {
            upstream.add(Subscriptions.message(false, topic));
        }
    }

    private void deliver(byte[] subscription) {
        if (upstream != null) {
            upstream.add(subscription);
        }
    }
}
