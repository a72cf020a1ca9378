package dev.zmq4j.pipe;

import java.util.Arrays;

/**
 * The form a subscription takes in a pipe: a single-frame message whose first byte is
 * {@code 0x01} (subscribe) or {@code 0x00} (cancel), followed by the topic (ZMTP 3.0's wire form,
 * which SUB/XSUB send and XPUB receives). The one place that decides what is a subscription.
 */
public final class Subscriptions {
    private Subscriptions() {
    }

    /** Whether the pipe message {@code m} is a subscription or a cancel. */
    public static boolean isSubscription(Object m) {
        return m instanceof byte[] b && b.length > 0 && (b[0] == 0 || b[0] == 1);
    }

    /** Whether the subscription message {@code m} subscribes (rather than cancels). */
    public static boolean isSubscribe(byte[] m) {
        return m[0] == 1;
    }

    /** The topic of the subscription message {@code m}. */
    public static byte[] topic(byte[] m) {
        return Arrays.copyOfRange(m, 1, m.length);
    }

    /** The subscription message for {@code topic}: a subscribe, or a cancel. */
    public static byte[] message(boolean subscribe, byte[] topic) {
        return message(subscribe, topic, 0, topic.length);
    }

    /** The subscription message for {@code topic[offset..offset+length)}. */
    public static byte[] message(boolean subscribe, byte[] topic, int offset, int length) {
        byte[] m = new byte[length + 1];
        m[0] = (byte) (subscribe ? 1 : 0);
        System.arraycopy(topic, offset, m, 1, length);
        return m;
    }
}
