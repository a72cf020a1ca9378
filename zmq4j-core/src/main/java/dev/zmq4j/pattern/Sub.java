package dev.zmq4j.pattern;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Thread-safety: the subscriptions, and the pipes' outbound queues (written from the setting or
 * sending thread and, for replays, from I/O threads), are guarded by {@link #lock}.
 */
final class Sub extends Pattern {
    private final boolean xsub;
    private final FairQueue in = new FairQueue();
    private final PipeSet out = new PipeSet();
    private final ReentrantLock lock = new ReentrantLock();
    private final SubscriptionTrie<Sub> filter = new SubscriptionTrie<>();
    /** Every subscribe in force, in order, one entry per reference: what a new peer is sent. */
    private final List<byte[]> subscriptions = new ArrayList<>();
    private final java.util.Set<Pipe> connectedOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    private void toAll(Object m) {
        for (Pipe p : out.snapshot()) {
            p.offerOut(m);
        }
    }

    private void replay(Pipe p) {
        lock.lock();
        try {
            for (byte[] topic : subscriptions) {
                p.offerOut(Subscriptions.message(true, topic));
            }
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
            toAll(message);
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
}
