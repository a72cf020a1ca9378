package dev.zmq4j.session;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Handshake;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.Ping;
import dev.zmq4j.zmtp.Pong;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.SocketProfile;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZMTP session over a {@link FramingChannel}: the handshake (driving the socket's
 * {@link Mechanism}), commands (PING/PONG, SUBSCRIBE/CANCEL), heartbeats, and the bridge between
 * frames and a {@link Pipe}: the RCVHWM pause, statistics and monitor events.
 *
 * <p>One path each way: every frame sent, message or command, leaves through
 * {@link SessionOutput#writeFrame} (or, a message with no transform, {@code SessionOutput.send}),
 * every frame received arrives through {@link #onFrame}; a mechanism's {@link FrameTransform}, once
 * installed after the handshake, applies to both.
 *
 * <p>Receive: each received frame goes to the pipe as part of a message; the socket is told once
 * per read batch (and every {@value #NOTIFY_EVERY} messages). At RCVHWM the session keeps the
 * message that did not fit and pauses the framing, which keeps the undecoded bytes, until the
 * socket makes room. Send: woken only on the pipe's empty→non-empty edge, the session drains the
 * pipe into the framing until it is empty or the connection stops being writable.
 *
 * <p>Runs on its channel's I/O thread, except {@link #wakeWriter}, {@link #resumeReading},
 * {@link #hasUnflushedWrites} and {@link #close}, which any thread may call.
 */
public final class ZmtpSession implements Pipe.Connection {
    private static final Logger LOG = LoggerFactory.getLogger(ZmtpSession.class);
    /**
     * Messages delivered between wake-ups of a waiting socket within one read batch: a woken reader
     * outruns the decoder, so each wake-up should find enough queued to be worth its park (256 cost
     * ~10 % at 64 B). A full pipe wakes the socket too (the default RCVHWM is 1,000).
     */
    static final int NOTIFY_EVERY = 1024;
    static final long FAIL_GRACE_MILLIS = 1000;

    private final SessionOwner owner;
    private final SocketPort socket;
    private final ConnectionOptions options;
    private final Handshake handshake;
    private final Heartbeats heartbeats = new Heartbeats(this);
    private final Runnable drainTask = this::drain;
    private final Runnable resumeTask = this::resume;
    /** The framing, as other threads see it (wake-ups, close). */
    private volatile FramingChannel channel;
    /** The same, for the I/O thread's own use: read on every frame, so not volatile. */
    private FramingChannel framing;
    /** The outbound side over the framing, from the connection's opening on. */
    private volatile SessionOutput output;
    private Pipe pipe;
    private boolean active;
    private boolean closing;
    private boolean failed;
    private final List<byte[]> parts = new ArrayList<>();
    /** The body bytes of {@link #parts}. */
    private long partBytes;
    /** The message that did not fit at RCVHWM, and its body bytes: not counted in until queued. */
    private Object pendingIn;
    private long pendingBytes;
    private boolean paused;
    private boolean received;
    private String peerName = "?";
    /** After the handshake, the mechanism's per-frame transform, if any. */
    private FrameTransform transform;
    /** Handshake done and no transform: a message frame goes straight to the pipe. */
    private boolean plainMessages;
    /** PUB/XPUB: SUBSCRIBE/CANCEL commands come in as subscription messages. */
    private final boolean acceptsSubscriptions;
    private final HandshakeDeadline handshakeDeadline;
    /** Messages received, and messages sent, since the socket was last notified. */
    private int inSinceNotified;

    private SocketAddress remote;
    private final SessionEvents events;

    // Statistics, counted here (a message once the pipe took it) and published to the pipe once per batch.
    private long messagesIn;
    private long bytesIn;

    /** A session for {@code owner}'s socket, with the mechanism its options name. */
    public ZmtpSession(SessionOwner owner) {
        this.owner = owner;
        this.socket = owner.socket();
        this.options = owner.options();
        SocketProfile profile = socket.profile();
        this.handshake = new Handshake(options.mechanism(), options.localMetadata(), this::wakeHandshake, profile, c -> output.send(c));
        this.acceptsSubscriptions = profile.subscriptions() == SocketProfile.Subscriptions.PUBLISHER;
        this.events = new SessionEvents(socket, owner);
        this.handshakeDeadline = new HandshakeDeadline(options.handshakeIvlMillis());
    }

    // ---- from the framing ----

    /** Our greeting, which the framing sends as soon as the connection opens (after {@link #onOpen}). */
    public Greeting greeting() {
        return handshake.localGreeting();
    }

    /** The connection is open (our greeting is on its way). */
    public void onOpen(FramingChannel ch) {
        framing = ch;
        output = new SessionOutput(ch);
        channel = ch;
        remote = ch.remoteAddress();
        events.remote(remote);
        peerName = String.valueOf(remote);
        handshake.open(ConnectionProperties.peerAddress(remote));
        ch.limits(false, options.maxMessageSize(), Handshake.MAX_COMMAND_SIZE);
        handshakeDeadline.start(ch.executor(), this::handshakeExpired);
    }

    /** The peer's greeting arrived. */
    public void onGreeting(Greeting peer) throws ProtocolException {
        handshake.start(peer);
        framing.flush();
    }

    /**
     * One frame from the peer: the one inbound path.
     *
     * @return {@code false} to pause reading (the pipe is full); the framing keeps what follows
     * @throws ProtocolException if the peer broke the protocol; the framing then calls {@link #fail}
     */
    public boolean onFrame(int flags, byte[] body) throws ProtocolException {
        if ((flags & FrameFlags.COMMAND) == 0 && plainMessages) {
            return deliver(flags, body);
        }
        return onOtherFrame(flags, body);
    }

    /** {@link #onFrame} for a command, a frame to undo the mechanism's transform on, or one before the handshake. */
    private boolean onOtherFrame(int flags, byte[] body) throws ProtocolException {
        FrameTransform t = transform;
        if (t != null) {
            FrameTransform.WireFrame f = t.decode(flags, body);
            flags = f.flags();
            body = f.body();
        }
        if ((flags & FrameFlags.COMMAND) != 0) {
            return onCommand(body);
        }
        if (!active) {
            throw new ProtocolException("message frame during handshake (expected: a command)");
        }
        return deliver(flags, body);
    }

    /** A message frame for the pipe: the last one of a message completes it. */
    private boolean deliver(int flags, byte[] body) {
        if ((flags & FrameFlags.MORE) != 0) {
            parts.add(body);
            partBytes += body.length;
            return true;
        }
        long bytes = partBytes + body.length;
        partBytes = 0;
        Object message;
        if (parts.isEmpty()) {
            message = body;
        } else {
            parts.add(body);
            message = parts.toArray(new byte[parts.size()][]);
            parts.clear();
        }
        if (!pipe.offerIn(message)) {
            pendingIn = message;
            pendingBytes = bytes;
            pause();
            return false;
        }
        messagesIn++;
        bytesIn += bytes;
        received = true;
        if (++inSinceNotified >= NOTIFY_EVERY) {
            // A large read holds thousands of messages: let a waiting reader start on them
            // while the rest are decoded, rather than after the whole read.
            inSinceNotified = 0;
            pipe.notifyReadable();
        }
        return true;
    }

    private boolean onCommand(byte[] body) throws ProtocolException {
        Command c = Command.decode(body);
        if (!handshake.isComplete()) {
            boolean done = handshake.onCommand(c);
            framing.flush();
            return !done || handshakeComplete();
        }
        switch (c.name()) {
            case Command.PING -> {
                Ping ping = Ping.decode(c);
                heartbeats.watchPeerTtl(ping.ttlDeciseconds());
                sendNow(ping.pong().toCommand());
            }
            case Command.PONG -> Pong.decode(c);
            case Command.SUBSCRIBE, Command.CANCEL -> {
                if (acceptsSubscriptions) {
                    // ZMTP 3.1 subscription: the pattern sees it as the legacy message.
                    return deliver(0, Subscriptions.message(c.name().equals(Command.SUBSCRIBE), c.data()));
                }
                LOG.debug("{}: ignoring {} (not a publisher)", peerName, c.name());
            }
            default -> LOG.debug("{}: ignoring command {}", peerName, c.name());
        }
        return true;
    }

    /** The mechanism's asynchronous answer arrived (any thread): go on with the handshake on ours. */
    private void wakeHandshake() {
        FramingChannel ch = channel;
        if (ch != null) {
            ch.executor().execute(this::resumeHandshake);
        }
    }

    private void resumeHandshake() {
        if (closing || handshake.isComplete()) {
            return;
        }
        try {
            boolean done = handshake.resume();
            framing.flush();
            if (done) {
                handshakeComplete();
            }
        } catch (ProtocolException e) {
            fail(e);
        }
    }

    /** @return whether to go on decoding */
    private boolean handshakeComplete() {
        handshakeDeadline.stop();
        Mechanism m = handshake.mechanism();
        Metadata peer = handshake.peerMetadata();
        byte[] id = peer.get(Metadata.IDENTITY);
        id = id == null ? new byte[0] : id;
        Pipe p = owner.handshakeComplete(this, id, ConnectionProperties.of(peer, id, remote, m));
        if (p == null) {
            fail("peer refused by the " + socket.profile().name()
                    + " socket (a PAIR's second peer, a routing id in use, or an endpoint closing)");
            return false;
        }
        pipe = p;
        active = true;
        transform = m.transform();
        plainMessages = transform == null;
        long maxMessage = options.maxMessageSize();
        long maxCommand = Handshake.MAX_COMMAND_SIZE;
        if (transform != null) {
            // Every frame now travels inside a command: commands are as large as messages may be.
            maxMessage = maxMessage < 0 ? -1 : maxMessage + transform.overhead();
            maxCommand = maxMessage < 0 ? Long.MAX_VALUE : Math.max(maxCommand, maxMessage);
        }
        framing.limits(true, maxMessage, maxCommand);
        Greeting g = handshake.peerGreeting();
        // SUB/XSUB to a ZMTP 3.1 peer: subscription messages go out as SUBSCRIBE/CANCEL commands.
        output.install(transform, socket.profile().subscriptions() == SocketProfile.Subscriptions.SUBSCRIBER && g.atLeast31());
        p.attach(this);
        events.handshakeSucceeded(id);
        // ZMTP 3.0 has no PING.
        heartbeats.start(framing.executor(), g.atLeast31() ? options.heartbeatIvlMillis() : 0,
                options.heartbeatTtlMillis(), options.heartbeatTimeoutMillis());
        return true;
    }

    /** A read batch ended. */
    public void onReadComplete() {
        heartbeats.received();
        publishIn();
        if (received) {
            received = false;
            pipe.notifyReadable();
        }
    }

    /** The connection takes writes again. */
    public void onWritable() {
        drain();
    }

    // ---- the RCVHWM pause ----

    private void pause() {
        paused = true;
        if (received) {
            received = false;
            pipe.notifyReadable();
        }
        if (pipe.pauseReading()) {
            framing.executor().execute(resumeTask);
        }
    }

    @Override
    public void resumeReading() {
        FramingChannel ch = channel;
        if (ch != null) {
            ch.executor().execute(resumeTask);
        }
    }

    private void resume() {
        if (!paused || failed) {
            return;
        }
        if (pendingIn != null) {
            if (!pipe.offerIn(pendingIn)) {
                if (pipe.pauseReading()) {
                    framing.executor().execute(resumeTask);
                }
                return;
            }
            pendingIn = null;
            messagesIn++;
            bytesIn += pendingBytes;
            received = true;
        }
        paused = false;
        boolean all = framing.decodeKept();
        if (closing) {
            return;
        }
        publishIn();
        if (received) {
            received = false;
            pipe.notifyReadable();
        }
        // Only now read more: the reader starts on what was kept while the next read comes in.
        if (all) {
            framing.readMore();
        }
    }

    /** Whether reading is paused at RCVHWM. */
    boolean isPaused() {
        return paused;
    }

    /** Whether the session is closing (failed, expired, or closed by either side). */
    public boolean isClosing() {
        return closing;
    }

    // ---- sending ----

    @Override
    public void wakeWriter() {
        FramingChannel ch = channel;
        if (ch != null) {
            ch.executor().execute(drainTask);
        }
    }

    private void drain() {
        Pipe p = pipe;
        if (!active || closing || p == null || !p.isAttachedTo(this)) {
            return;
        }
        output.drain(p);
    }

    /** Sends a command and flushes it. */
    void sendNow(Command c) {
        output.sendNow(c);
    }

    @Override
    public boolean hasUnflushedWrites() {
        FramingChannel ch = channel;
        SessionOutput o = output;
        return ch != null && ((o != null && o.isDraining()) || ch.hasPendingWrites());
    }

    // ---- closing ----

    /** The peer broke the protocol, or the mechanism refused it: close after flushing what was queued (e.g. ERROR). */
    public void fail(ProtocolException e) {
        if (!handshake.isComplete()) {
            events.handshakeFailed(e.isRefusal(), e.refusalCode());
        }
        fail(e.getMessage());
    }

    private void fail(String reason) {
        if (closing) {
            return;
        }
        if (!handshake.isComplete()) {
            events.handshakeFailed(false, 0);
        }
        closing = true;
        failed = true;
        events.failing(reason);
        framing.close(FAIL_GRACE_MILLIS);
    }

    private void handshakeExpired() {
        if (!closing && !handshake.isComplete()) {
            expire(handshakeDeadline.reason());
        }
    }

    /** The peer went silent: drop the connection at once (no flush; nobody is listening). */
    void expire(String reason) {
        closing = true;
        failed = true;
        events.failing(reason);
        framing.close(0);
    }

    /**
     * Closes the session once what was already written has reached the operating system, or
     * after {@code graceMillis} at the latest (LINGER). Any thread.
     */
    public void close(long graceMillis) {
        FramingChannel ch = channel;
        if (ch != null) {
            events.closedBySocket();
            ch.executor().execute(() -> ch.close(graceMillis));
        }
    }

    /** The connection failed (reset, I/O error). */
    public void onException(Throwable cause) {
        failed = true;
        if (!closing) {
            closing = true;
            events.connectionError(cause);
        }
    }

    /**
     * The peer ended its stream and every byte before the end was decoded: close, as a protocol
     * error if the stream ended part-way through a frame or a multipart message.
     */
    public void onInputEnded() {
        if (closing) {
            return;
        }
        if (active && (!framing.atFrameBoundary() || !parts.isEmpty())) {
            closing = true;
            String reason = "stream ended inside a " + (framing.atFrameBoundary() ? "multipart message" : "frame") + " (truncated by the peer)";
            events.failing(reason);
        } else {
            events.reason("closed by the peer");
        }
        framing.close(0);
    }

    /**
     * The connection is closed. A peer that closes cleanly ends its stream first, so its last
     * messages were delivered; closed while still holding input means a local close, a reset or a
     * protocol error: what is left is dropped. The one message held at RCVHWM is counted as
     * dropped (libzmq's engine drops the message it holds for a full pipe with the connection);
     * bytes not yet decoded, and frames of an incomplete message, were never counted in.
     */
    public void onClosed() {
        closing = true;
        active = false;
        plainMessages = false;
        heartbeats.stop();
        handshakeDeadline.stop();
        paused = false;
        if (pendingIn != null && pipe != null) {
            pipe.countDropped();
        }
        pendingIn = null;
        parts.clear();
        partBytes = 0;
        publishIn();
        Pipe p = pipe;
        pipe = null;
        // After the pipe is terminated, so that a socket reacting to the event sees the peer gone.
        owner.sessionClosed(this, p);
        events.ended(handshake.isComplete());
    }

    private void publishIn() {
        if (messagesIn != 0 && pipe != null) {
            pipe.countIn(messagesIn, bytesIn);
            messagesIn = 0;
            bytesIn = 0;
        }
    }
}
