package dev.zmq4j.pipe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A pipe's traffic: messages and body bytes received and sent. Each direction has one writer at a
 * time (the connection's I/O thread, or an in-process end's socket), which adds with opaque
 * accesses: no atomic read-modify-write, never torn for readers on other threads. An object of its
 * own, so that the I/O thread's writes here do not share a cache line with the pipe's fields that
 * the sending thread reads on every message.
 */
final class PipeCounters {
    private static final VarHandle MESSAGES_IN;
    private static final VarHandle BYTES_IN;
    private static final VarHandle MESSAGES_OUT;
    private static final VarHandle BYTES_OUT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MESSAGES_IN = l.findVarHandle(PipeCounters.class, "messagesIn", long.class);
            BYTES_IN = l.findVarHandle(PipeCounters.class, "bytesIn", long.class);
            MESSAGES_OUT = l.findVarHandle(PipeCounters.class, "messagesOut", long.class);
            BYTES_OUT = l.findVarHandle(PipeCounters.class, "bytesOut", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long messagesIn;
    private long bytesIn;
    private long messagesOut;
    private long bytesOut;

    /** Adds received messages and their body bytes (the inbound side's one writer). */
    void in(long messages, long bytes) {
        MESSAGES_IN.setOpaque(this, (long) MESSAGES_IN.getOpaque(this) + messages);
        BYTES_IN.setOpaque(this, (long) BYTES_IN.getOpaque(this) + bytes);
    }

    /** Adds sent messages and their body bytes (the outbound side's one writer); negative to take back. */
    void out(long messages, long bytes) {
        MESSAGES_OUT.setOpaque(this, (long) MESSAGES_OUT.getOpaque(this) + messages);
        BYTES_OUT.setOpaque(this, (long) BYTES_OUT.getOpaque(this) + bytes);
    }

    long messagesIn() {
        return (long) MESSAGES_IN.getOpaque(this);
    }

    long bytesIn() {
        return (long) BYTES_IN.getOpaque(this);
    }

    long messagesOut() {
        return (long) MESSAGES_OUT.getOpaque(this);
    }

    long bytesOut() {
        return (long) BYTES_OUT.getOpaque(this);
    }

    /** The body bytes of a pipe message ({@code byte[]} or {@code byte[][]}). */
    static long bodyBytes(Object message) {
        if (message instanceof byte[] b) {
            return b.length;
        }
        long n = 0;
        if (!(message instanceof byte[][] frames)) {
            return 0;
        }
        for (byte[] f : frames) {
            n += f.length;
        }
        return n;
    }
}
