package dev.zmq4j.session;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;

/**
 * The outbound side of a {@link ZmtpSession}: drains its pipe into the framing, batch by batch,
 * and is the one path of every frame it sends, through the mechanism's transform once installed.
 * Counts what it sends and publishes the counts to the pipe once per drain. Runs on the
 * connection's I/O thread; {@link #isDraining} from any thread.
 */
final class SessionOutput {
    /**
     * The most messages sent between notifications of a sender blocked at SNDHWM (fewer when half
     * the SNDHWM is fewer: {@link Pipe#writableEvery}); a drain that empties the pipe notifies too.
     */
    static final int NOTIFY_WRITABLE_EVERY = 256;
    private final FramingChannel framing;
    /** After the handshake, the mechanism's per-frame transform, if any. */
    private FrameTransform transform;
    /** SUB/XSUB to a ZMTP 3.1 peer: subscription messages go out as SUBSCRIBE/CANCEL commands. */
    private boolean subscriptionCommands;
    private volatile boolean draining;
    /**
     * A drain is on this thread's stack: a flush inside it can make the channel writable again,
     * and Netty then calls {@link ZmtpSession#onWritable} from within that flush. The drain under
     * way goes on instead (it checks writability after each flush), so drains never nest: a nested
     * drain would end the outer one's {@link #isDraining} early, and the JIT would compile the
     * drain into Netty's write path a second time.
     */
    private boolean inDrain;
    /** Messages sent since the socket was last told there is room. */
    private int outSinceNotified;
    private long messagesOut;
    private long bytesOut;

    SessionOutput(FramingChannel framing) {
        this.framing = framing;
    }

    /** The handshake completed: the transform to send through (or none), and how subscriptions travel. */
    void install(FrameTransform transform, boolean subscriptionCommands) {
        this.transform = transform;
        this.subscriptionCommands = subscriptionCommands;
    }

    /**
     * Whether a drain is under way: set before its first poll, cleared after its last write;
     * between the two a message is neither in the pipe nor in the connection's write buffer.
     */
    boolean isDraining() {
        return draining;
    }

    /** Moves what {@code p} holds onto the wire until it is empty or the connection is not writable. */
    void drain(Pipe p) {
        if (inDrain) {
            return;
        }
        FramingChannel ch = framing;
        int every = p.writableEvery(NOTIFY_WRITABLE_EVERY);
        boolean drained = false;
        inDrain = true;
        // Set before the first poll, cleared after the last write: between the two a message is
        // neither in the pipe nor in the connection's write buffer (see hasUnflushedWrites).
        draining = true;
        try {
            for (;;) {
                if (!ch.isWritable()) {
                    ch.flush();
                    if (!ch.isWritable()) {
                        // channelWritabilityChanged (onWritable) resumes the drain.
                        break;
                    }
                    continue;
                }
                Object m = p.pollOut();
                if (m == null) {
                    ch.flush();
                    if (drained) {
                        drained = false;
                        outSinceNotified = 0;
                        p.notifyWritable();
                    }
                    if (!p.writerIdle()) {
                        return;
                    }
                    continue;
                }
                drained = true;
                send(m);
                if (++outSinceNotified >= every) {
                    // A sender blocked at SNDHWM refills while we go on draining, rather than
                    // after the queue ran dry (both threads would then sleep in turn).
                    outSinceNotified = 0;
                    p.notifyWritable();
                }
            }
            // A drain stopped by a full connection says nothing: the room it made counts towards
            // the next notification. Woken for a few messages' room, a sender blocked at SNDHWM
            // would fill it and wait again (at 64 KiB a drain moves ~8 messages; telling the socket
            // after each cost ~17 % of tcp throughput).
        } finally {
            inDrain = false;
            draining = false;
            if (messagesOut != 0) {
                p.countOut(messagesOut, bytesOut);
                messagesOut = 0;
                bytesOut = 0;
            }
        }
    }

    /** One message from the pipe onto the wire. */
    private void send(Object m) {
        messagesOut++;
        FramingChannel f = framing;
        if (transform != null) {
            sendTransformed(m);
            return;
        }
        if (m instanceof byte[] b) {
            bytesOut += b.length;
            if (subscriptionCommands && Subscriptions.isSubscription(b)) {
                writeFrame(FrameFlags.COMMAND, subscriptionCommand(b));
            } else {
                f.write(0, b);
            }
            return;
        }
        byte[][] frames = (byte[][]) m;
        int last = frames.length - 1;
        for (int i = 0; i <= last; i++) {
            bytesOut += frames[i].length;
            f.write(i < last ? FrameFlags.MORE : 0, frames[i]);
        }
    }

    /** {@link #send} once a mechanism's transform is installed: every frame through it. */
    private void sendTransformed(Object m) {
        if (m instanceof byte[] b) {
            bytesOut += b.length;
            writeFrame(subscriptionCommands && Subscriptions.isSubscription(b) ? FrameFlags.COMMAND : 0,
                    subscriptionCommands && Subscriptions.isSubscription(b) ? subscriptionCommand(b) : b);
            return;
        }
        byte[][] frames = (byte[][]) m;
        int last = frames.length - 1;
        for (int i = 0; i <= last; i++) {
            bytesOut += frames[i].length;
            writeFrame(i < last ? FrameFlags.MORE : 0, frames[i]);
        }
    }

    /** A subscription message {@code 0x01topic} / {@code 0x00topic} as a SUBSCRIBE / CANCEL command body. */
    private static byte[] subscriptionCommand(byte[] m) {
        return new Command(Subscriptions.isSubscribe(m) ? Command.SUBSCRIBE : Command.CANCEL, Subscriptions.topic(m)).encode();
    }

    /** Sends a command (the handshake's); the caller flushes. */
    void send(Command c) {
        writeFrame(FrameFlags.COMMAND, c.encode());
    }

    /** Sends a command and flushes it (PING, PONG). */
    void sendNow(Command c) {
        send(c);
        framing.flush();
    }

    /**
     * The outbound path of every frame but untransformed messages (which {@link #send} hands to
     * the framing itself, one call shorter): through the mechanism's transform once installed.
     */
    void writeFrame(int flags, byte[] body) {
        FrameTransform t = transform;
        if (t != null) {
            FrameTransform.WireFrame f = t.encode(flags, body);
            framing.write(f.flags(), f.body());
            return;
        }
        framing.write(flags, body);
    }
}
