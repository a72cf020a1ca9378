package dev.zmq4j;

import dev.zmq4j.pattern.Pattern;
import dev.zmq4j.pattern.UnroutableException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The send side of a socket: whole messages and frame-by-frame, waiting as asked. Thread-safe:
 * sends are serialised by the send lock, so a message is queued whole.
 */
final class Sender {
    private final Socket socket;
    private final Pattern pattern;
    private final Waiters waiters;
    private final Readiness readiness;
    private final Receiver receiver;
    private final boolean lockStep;
    private final ReentrantLock lock = new ReentrantLock();
    private final Multipart multipart;

    Sender(Socket socket, Pattern pattern, Waiters waiters, Readiness readiness, Receiver receiver, boolean lockStep,
           Multipart multipart) {
        this.socket = socket;
        this.pattern = pattern;
        this.waiters = waiters;
        this.readiness = readiness;
        this.receiver = receiver;
        this.lockStep = lockStep;
        this.multipart = multipart;
    }

    /** Queues a frame of a multipart message; it leaves with the next {@link #send}. */
    void more(byte[] frame) {
        Waiters.lock(lock, -1, socket);
        try {
            multipart.add(frame);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a message in pipe form ({@code byte[]} or {@code byte[][]}, after the frames given to
     * {@link #more}), waiting up to {@code timeoutNanos} (negative = forever).
     *
     * @return {@code false} if the time ran out
     */
    boolean send(Object pipeMessage, long timeoutNanos) {
        long start = timeoutNanos > 0 ? System.nanoTime() : 0;
        if (!Waiters.lock(lock, timeoutNanos, socket)) {
            return false;
        }
        try {
            Object message = multipart.complete(pipeMessage);
            if (lockStep && receiver.hasPrefetched()) {
                throw new IllegalStateException(socket.type() + " socket: send() while a received message waits"
                        + " (expected: receive() it first)");
            }
            if (pattern.trySend(message) || (timeoutNanos != 0 && await(message, start, timeoutNanos))) {
                multipart.sent();
                if (lockStep) {
                    readiness.signal();
                }
                return true;
            }
            return false;
        } catch (UnroutableException e) {
            multipart.sent();
            throw new ZmqException.HostUnreachableException(socket.type() + " socket: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private boolean await(Object message, long start, long timeoutNanos) {
        Thread me = Thread.currentThread();
        try {
            for (;;) {
                waiters.sender(me);
                if (pattern.trySend(message)) {
                    return true;
                }
                socket.checkOpen();
                if (!waiters.park(socket, start, timeoutNanos)) {
                    return false;
                }
            }
        } finally {
            waiters.sender(null);
        }
    }
}
