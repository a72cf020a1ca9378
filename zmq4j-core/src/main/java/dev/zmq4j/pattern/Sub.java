package dev.zmq4j.pattern;

import dev.zmq4j.concurrent.CopyOnWriteArray;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SUB and XSUB: fair-queued receive from every publisher; subscriptions go upstream as messages
 * {@code 0x01topic} (subscribe) / {@code 0x00topic} (cancel), which the connection turns into
 * SUBSCRIBE/CANCEL commands for ZMTP 3.1 peers. Every subscription is sent again to each new peer
 * (and to a reconnected one).
 *
 * <p>SUB takes subscriptions from the SUBSCRIBE/UNSUBSCRIBE options, cannot send, and also filters
 * what it receives by its own subscriptions (a publisher may send more than asked). XSUB takes
 * them as messages the application sends (anything else it sends goes to every publisher too) and
 * receives everything.
 *
 * <p>No subscription is lost to a full pipe: one that finds a pipe's outbound queue at SNDHWM
 * waits, in order with the ones after it, until the connection reports room
 * ({@link #pipeWritable}). (libzmq drops it there.) Other messages an XSUB sends go to the pipes
 * with room and are dropped, and counted, for the others, as in libzmq.
 *
 * <p>Thread-safety: the subscriptions, the waiting messages and the pipes' outbound queues
 * (written from the setting or sending thread and, for replays and waiting subscriptions, from
 * I/O threads) are guarded by {@link #lock}.
 */
final class Sub extends Pattern {
    private final boolean xsub;
    private final FairQueue in = new FairQueue();
    private final CopyOnWriteArray<Pipe> out = new CopyOnWriteArray<>(Pipe[]::new);
    private final ReentrantLock lock = new ReentrantLock();
    private final SubscriptionTrie<Sub> filter = new SubscriptionTrie<>();
    /** Every subscribe in force, in order, one entry per reference: what a new peer is sent. */
    private final List<byte[]> subscriptions = new ArrayList<>();
    private final java.util.Set<Pipe> connectedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Per pipe, the subscriptions that found its outbound queue full, in order. */
    private final Map<Pipe, ArrayDeque<byte[]>> waiting = new HashMap<>();
    /** Whether {@link #waiting} holds anything: the one read a writable signal costs otherwise. */
    private volatile boolean anyWaiting;

    Sub(boolean xsub) {
        this.xsub = xsub;
    }

    @Override
    public void onOption(String name, Object value) {
        if (xsub) {
            return;
        }
        switch (name) {
            case "SUBSCRIBE" -> subscription(Subscriptions.message(true, (byte[]) value));
            case "UNSUBSCRIBE" -> subscription(Subscriptions.message(false, (byte[]) value));
            default -> { }
        }
    }

    /** Records a subscription message and sends it upstream (a cancel only if it was the last). */
    private void subscription(byte[] m) {
        byte[] topic = Subscriptions.topic(m);
        lock.lock();
        try {
            if (Subscriptions.isSubscribe(m)) {
                filter.add(topic, this);
                subscriptions.add(topic);
                toAll(m);
            } else if (filter.remove(topic, this)) {
                subscriptions.removeIf(t -> java.util.Arrays.equals(t, topic));
                toAll(m);
            } else {
                for (int i = 0; i < subscriptions.size(); i++) {
                    if (java.util.Arrays.equals(subscriptions.get(i), topic)) {
                        subscriptions.remove(i);
                        break;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: offers a subscription to every pipe, to wait where there is no room. */
    private void toAll(byte[] subscription) {
        for (Pipe p : out.snapshot()) {
            offer(p, subscription);
        }
    }

    /** Under the lock: a subscription for {@code p}, after any that wait for it. */
    private void offer(Pipe p, byte[] subscription) {
        if (flush(p) && p.offerOut(subscription)) {
            return;
        }
        if (p.isTerminated()) {
            return;
        }
        waiting.computeIfAbsent(p, k -> new ArrayDeque<>()).add(subscription);
        anyWaiting = true;
        // The connection may have made room, and found nothing waiting, since our offer failed.
        flush(p);
    }

    /** Under the lock: offers what waits for {@code p}; {@code true} if nothing waits any more. */
    private boolean flush(Pipe p) {
        if (!anyWaiting) {
            return true;
        }
        ArrayDeque<byte[]> q = waiting.get(p);
        if (q == null) {
            return true;
        }
        for (byte[] m; (m = q.peek()) != null; q.poll()) {
            if (!p.offerOut(m) && !p.isTerminated()) {
                return false;
            }
        }
        forget(p);
        return true;
    }

    private void forget(Pipe p) {
        if (waiting.remove(p) != null) {
            anyWaiting = !waiting.isEmpty();
        }
    }

    /** Sends every subscription to {@code p}, a new peer (what waited for an old one is obsolete). */
    private void replay(Pipe p) {
        lock.lock();
        try {
            forget(p);
            for (byte[] topic : subscriptions) {
                offer(p, Subscriptions.message(true, topic));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void pipeWritable(Pipe p) {
        if (!anyWaiting) {
            return;
        }
        lock.lock();
        try {
            flush(p);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean attach(Pipe p) {
        in.add(p);
        out.add(p);
        replay(p);
        return true;
    }

    @Override
    public void pipeConnected(Pipe p) {
        // A reconnected publisher is a new one: it must hear every subscription again. (On the
        // first connection the subscriptions queued at attach go out.)
        if (!connectedOnce.add(p)) {
            replay(p);
        }
    }

    @Override
    public void detach(Pipe p) {
        out.remove(p);
        connectedOnce.remove(p);
        if (anyWaiting) {
            lock.lock();
            try {
                forget(p);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean trySend(Object message) {
        if (!xsub) {
            throw unsupported("SUB", "send");
        }
        if (Subscriptions.isSubscription(message)) {
            subscription((byte[]) message);
            return true;
        }
        lock.lock();
        try {
            for (Pipe p : out.snapshot()) {
                // Behind waiting subscriptions, at SNDHWM, or its connection just ended: dropped,
                // as libzmq drops it, and counted.
                if (!flush(p) || !p.offerOut(message)) {
                    p.countDropped();
                }
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    @Override
    public Object tryReceive() {
        for (;;) {
            Object m = in.tryReceive();
            if (m == null || xsub) {
                return m;
            }
            byte[] topic = m instanceof byte[] b ? b : ((byte[][]) m)[0];
            lock.lock();
            try {
                if (filter.matches(topic)) {
                    return m;
                }
            } finally {
                lock.unlock();
            }
        }
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
