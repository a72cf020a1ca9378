package dev.zmq4j.session;

import java.net.SocketAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A framing for session tests that only records what is written (subclasses say how): always
 * writable, nothing pending, every other call a no-op.
 */
abstract class WritingFraming implements FramingChannel {
    @Override
    public void flush() {
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean hasPendingWrites() {
        return false;
    }

    @Override
    public void limits(boolean messages, long maxMessageFrame, long maxCommandFrame) {
    }

    @Override
    public boolean atFrameBoundary() {
        return true;
    }

    @Override
    public boolean decodeKept() {
        return true;
    }

    @Override
    public void readMore() {
    }

    @Override
    public void close(long graceMillis) {
    }

    @Override
    public ScheduledExecutorService executor() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SocketAddress remoteAddress() {
        return null;
    }
}
