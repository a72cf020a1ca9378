package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pattern.SocketDescriptor;

/**
 * What a {@link Poller} sees of one socket: the registry of pollers to signal, and whether the
 * socket is readable or writable now. Any thread.
 */
final class PollView {
    private final Socket socket;
    private final Context context;
    private final SocketDescriptor descriptor;
    private final Pattern pattern;
    private final Receiver receiver;
    private final Readiness readiness;

    PollView(Socket socket, Context context, SocketDescriptor descriptor, Pattern pattern, Receiver receiver,
             Readiness readiness) {
        this.socket = socket;
        this.context = context;
        this.descriptor = descriptor;
        this.pattern = pattern;
        this.receiver = receiver;
        this.readiness = readiness;
    }

    /** The pollers watching the socket. */
    Readiness readiness() {
        return readiness;
    }

    /**
     * READABLE: whether a receive would return a message now (see {@link Receiver#readableNow}).
     *
     * @return 1 readable, 0 not, -1 unknown: another thread holds the receive lock
     */
    int readableNow() {
        return socket.isClosed() || !descriptor.receives() ? 0 : receiver.readableNow();
    }

    /**
     * WRITABLE: whether a send would be accepted now without waiting (a REQ or REP holding a
     * message taken ahead of time by a poller is not: its lock-step wants that message received).
     */
    boolean writableNow() {
        if (socket.isClosed() || !descriptor.sends() || (descriptor.lockStep() && receiver.hasPrefetched())) {
            return false;
        }
        return pattern.canSendNow();
    }

    /** Whether the context the socket belongs to was closed. */
    boolean isContextClosed() {
        return context.isClosed();
    }
}
