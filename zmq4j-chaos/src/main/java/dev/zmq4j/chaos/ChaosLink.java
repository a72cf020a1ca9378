package dev.zmq4j.chaos;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One connection through a {@link ChaosRelay}: the accepted channel, the channel to the target,
 * and a {@link ChaosPump} each way. Closing either way closes both sides. Thread-safe.
 */
final class ChaosLink {
    private final int index;
    private final SocketChannel in;
    private final SocketChannel out;
    private final ChaosPump upstream;
    private final ChaosPump downstream;
    private final Consumer<ChaosLink> onClose;
    private volatile boolean closed;

    ChaosLink(int index, SocketChannel in, SocketChannel out, Faults faults, Consumer<ChaosLink> onClose) {
        this.index = index;
        this.in = in;
        this.out = out;
        this.onClose = onClose;
        this.upstream = new ChaosPump(this, ChaosRelay.Direction.UPSTREAM, in, out, faults);
        this.downstream = new ChaosPump(this, ChaosRelay.Direction.DOWNSTREAM, out, in, faults);
    }

    void start() {
        upstream.start();
        downstream.start();
    }

    int index() {
        return index;
    }

    ChaosPump pump(ChaosRelay.Direction d) {
        return d == ChaosRelay.Direction.UPSTREAM ? upstream : downstream;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes both sides (a FIN, or an RST where unread bytes remain). */
    void close() {
        closed = true;
        closeQuietly(in);
        closeQuietly(out);
        onClose.accept(this);
    }

    /** Resets both sides: SO_LINGER 0 makes the close an RST over tcp (ipc just closes). */
    void reset() {
        for (SocketChannel c : new SocketChannel[] {in, out}) {
            try {
                if (c.supportedOptions().contains(StandardSocketOptions.SO_LINGER)) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException e) {
                // already closed: nothing to reset
            }
        }
        close();
    }

    static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
