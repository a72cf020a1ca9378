package dev.zmq4j;

import dev.zmq4j.pattern.Parts;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame-by-frame state of a socket: frames given with {@code sendMore} that wait for the
 * message's last frame, and the rest of a received message that {@code receiveBytes} walks.
 * Not thread-safe: the send side is used under the socket's send lock, the receive side under its
 * receive lock.
 */
final class Multipart {
    private final List<byte[]> pending = new ArrayList<>();
    private byte[][] current;
    private int index;

    // ---- send side ----

    void add(byte[] frame) {
        pending.add(frame);
    }

    /** The whole message in pipe form: the pending frames, then {@code last} (a pipe message). */
    Object complete(Object last) {
        if (pending.isEmpty()) {
            return last;
        }
        List<byte[]> all = new ArrayList<>(pending);
        all.addAll(List.of(Parts.of(last)));
        return Parts.toMessage(all.toArray(new byte[0][]));
    }

    /** The message went (or was refused for good): forget its frames. */
    void sent() {
        pending.clear();
    }

    // ---- receive side ----

    /** Whether frames of a received message remain. */
    boolean hasMore() {
        return current != null;
    }

    /** The next remaining frame. */
    byte[] next() {
        byte[] f = current[index++];
        if (index == current.length) {
            current = null;
        }
        return f;
    }

    /** The remaining frames, in pipe form, taken out. */
    Object rest() {
        Object rest = Parts.tail(current, index);
        current = null;
        return rest;
    }

    /** Starts walking {@code m} (a pipe message): returns its first frame and keeps the rest. */
    byte[] start(Object m) {
        if (m instanceof byte[] b) {
            return b;
        }
        byte[][] parts = (byte[][]) m;
        current = parts;
        index = 1;
        return parts[0];
    }
}
