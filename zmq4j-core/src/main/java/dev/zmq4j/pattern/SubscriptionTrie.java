package dev.zmq4j.pattern;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Subscriptions by byte prefix: a trie whose nodes hold the subscribers of the prefix that leads
 * to them, each with a reference count (a subscriber may subscribe to the same prefix several
 * times and must cancel as often). Matching a topic walks the trie along the topic's bytes once,
 * so it costs O(topic length + matching subscribers), whatever the number of subscriptions.
 *
 * <p>Children are kept in arrays sorted by (unsigned) byte and found by binary search; empty
 * branches are pruned on removal. Not thread-safe: the owner serialises every call.
 *
 * @param <T> the subscriber type (compared by identity)
 */
public final class SubscriptionTrie<T> {
    private static final byte[] NO_KEYS = new byte[0];
    private static final Node[] NO_KIDS = new Node[0];
    private static final Object[] NO_SUBS = new Object[0];
    private static final int[] NO_COUNTS = new int[0];

    private static final class Node {
        byte[] keys = NO_KEYS;
        Node[] kids = NO_KIDS;
        int nkids;
        Object[] subs = NO_SUBS;
        int[] counts = NO_COUNTS;
        int nsubs;

        Node child(byte b) {
            int i = find(b);
            return i >= 0 ? kids[i] : null;
        }

        int find(byte b) {
            int lo = 0;
            int hi = nkids - 1;
            int key = b & 0xFF;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int k = keys[mid] & 0xFF;
                if (k < key) {
                    lo = mid + 1;
                } else if (k > key) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        Node childOrNew(byte b) {
            int i = find(b);
            if (i >= 0) {
                return kids[i];
            }
            int at = -(i + 1);
            if (nkids == keys.length) {
                int cap = Math.max(2, nkids * 2);
                keys = Arrays.copyOf(keys, cap);
                kids = Arrays.copyOf(kids, cap);
            }
            System.arraycopy(keys, at, keys, at + 1, nkids - at);
            System.arraycopy(kids, at, kids, at + 1, nkids - at);
            Node n = new Node();
            keys[at] = b;
            kids[at] = n;
            nkids++;
            return n;
        }

        void removeChild(byte b) {
            int i = find(b);
            if (i >= 0) {
                System.arraycopy(keys, i + 1, keys, i, nkids - i - 1);
                System.arraycopy(kids, i + 1, kids, i, nkids - i - 1);
                nkids--;
                kids[nkids] = null;
            }
        }

        int indexOf(Object sub) {
            for (int i = 0; i < nsubs; i++) {
                if (subs[i] == sub) {
                    return i;
                }
            }
            return -1;
        }

        void removeSubAt(int i) {
            nsubs--;
            subs[i] = subs[nsubs];
            counts[i] = counts[nsubs];
            subs[nsubs] = null;
        }

        boolean isEmpty() {
            return nsubs == 0 && nkids == 0;
        }
    }

    private final Node root = new Node();
    private int size;

    /**
     * Adds one reference from {@code subscriber} to {@code prefix}.
     *
     * @return {@code true} if {@code subscriber} had no subscription to exactly {@code prefix} before
     */
    public boolean add(byte[] prefix, T subscriber) {
        Node n = root;
        for (byte b : prefix) {
            n = n.childOrNew(b);
        }
        int i = n.indexOf(subscriber);
        if (i >= 0) {
            n.counts[i]++;
            return false;
        }
        if (n.nsubs == n.subs.length) {
            int cap = Math.max(2, n.nsubs * 2);
            n.subs = Arrays.copyOf(n.subs, cap);
            n.counts = Arrays.copyOf(n.counts, cap);
        }
        n.subs[n.nsubs] = subscriber;
        n.counts[n.nsubs] = 1;
        n.nsubs++;
        size++;
        return true;
    }

    /**
     * Removes one reference from {@code subscriber} to {@code prefix}.
     *
     * @return {@code true} if that was its last one (it no longer subscribes to {@code prefix})
     */
    public boolean remove(byte[] prefix, T subscriber) {
        return remove(root, prefix, 0, subscriber) == Removed.LAST;
    }

    private enum Removed { NONE, ONE, LAST }

    private Removed remove(Node n, byte[] prefix, int depth, Object subscriber) {
        if (depth == prefix.length) {
            int i = n.indexOf(subscriber);
            if (i < 0) {
                return Removed.NONE;
            }
            if (--n.counts[i] > 0) {
                return Removed.ONE;
            }
            n.removeSubAt(i);
            size--;
            return Removed.LAST;
        }
        Node child = n.child(prefix[depth]);
        if (child == null) {
            return Removed.NONE;
        }
        Removed r = remove(child, prefix, depth + 1, subscriber);
        if (child.isEmpty()) {
            n.removeChild(prefix[depth]);
        }
        return r;
    }

    /** Whether anyone subscribes to exactly {@code prefix}. */
    public boolean hasSubscribers(byte[] prefix) {
        Node n = root;
        for (int i = 0; i < prefix.length && n != null; i++) {
            n = n.child(prefix[i]);
        }
        return n != null && n.nsubs > 0;
    }

    /**
     * Removes every subscription of {@code subscriber}; {@code lastGone} receives each prefix that
     * nobody subscribes to any more as a result (may be {@code null}).
     */
    public void removeAll(T subscriber, Consumer<byte[]> lastGone) {
        removeAll(root, new byte[16], 0, subscriber, lastGone);
    }

    private void removeAll(Node n, byte[] path, int depth, Object subscriber, Consumer<byte[]> lastGone) {
        int i = n.indexOf(subscriber);
        if (i >= 0) {
            n.removeSubAt(i);
            size--;
            if (n.nsubs == 0 && lastGone != null) {
                lastGone.accept(Arrays.copyOf(path, depth));
            }
        }
        if (depth == path.length) {
            path = Arrays.copyOf(path, depth * 2);
        }
        for (int k = n.nkids - 1; k >= 0; k--) {
            Node child = n.kids[k];
            path[depth] = n.keys[k];
            removeAll(child, path, depth + 1, subscriber, lastGone);
            if (child.isEmpty()) {
                n.removeChild(n.keys[k]);
            }
        }
    }

    /**
     * Calls {@code visitor} for each subscriber of each prefix of {@code topic} (the empty prefix
     * included). A subscriber to several of those prefixes is visited once per prefix.
     */
    @SuppressWarnings("unchecked")
    public void match(byte[] topic, Consumer<? super T> visitor) {
        Node n = root;
        int depth = 0;
        for (;;) {
            for (int i = 0; i < n.nsubs; i++) {
                visitor.accept((T) n.subs[i]);
            }
            if (depth == topic.length) {
                return;
            }
            n = n.child(topic[depth++]);
            if (n == null) {
                return;
            }
        }
    }

    /** Whether some subscription is a prefix of {@code topic}. */
    public boolean matches(byte[] topic) {
        Node n = root;
        int depth = 0;
        for (;;) {
            if (n.nsubs > 0) {
                return true;
            }
            if (depth == topic.length) {
                return false;
            }
            n = n.child(topic[depth++]);
            if (n == null) {
                return false;
            }
        }
    }

    /** The number of distinct (prefix, subscriber) pairs. */
    public int size() {
        return size;
    }

    /** Whether there are no subscriptions. */
    public boolean isEmpty() {
        return size == 0;
    }
}
