package dev.zmq4j;

import dev.zmq4j.Poller.Event;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in proxy (libzmq's {@code zmq_proxy} and {@code zmq_proxy_steerable}): moves messages
 * from a frontend socket to a backend socket and back, multipart messages whole, copying each to
 * an optional capture socket.
 *
 * <pre>
 *   queue      ROUTER frontend  &lt;-&gt;  DEALER backend   (shared request-reply broker)
 *   forwarder  XSUB frontend    &lt;-&gt;  XPUB backend     (pub-sub, subscriptions flow back)
 *   streamer   PULL frontend     --&gt;  PUSH backend     (pipeline)
 * </pre>
 *
 * <p>A message is taken from one side only when the other side can take it, so back-pressure
 * passes through: a backend at its HWM stops the proxy reading from the frontend (and the other
 * direction keeps moving). A copy goes to the capture socket with {@code send}, so it waits as
 * the capture socket's SNDTIMEO says (forever by default, as in libzmq); set SNDTIMEO to zero
 * (or use a PUB capture socket, which drops) if the capture must never slow the proxy, and the
 * copy is dropped when it cannot be sent at once.
 *
 * <p><b>Steering.</b> With a control socket (REP or PAIR, or anything the application can send
 * to), the proxy obeys single-frame commands: {@code PAUSE} (stop moving messages; they wait in
 * the sockets), {@code RESUME}, {@code TERMINATE} (make {@link #run} return) and
 * {@code STATISTICS}, answered with eight frames of eight bytes each, unsigned 64-bit integers in
 * the platform's byte order as libzmq sends them: frontend messages received, bytes received,
 * messages sent, bytes sent, then the same four for the backend. As in libzmq 4.3.5 and later,
 * which counts each part it receives and sends, the "messages" are frames: a message of three
 * frames counts three; the bytes are the frames' body bytes. (libzmq 4.3.4 and earlier counted a
 * multipart message once.) "Sent" counts what the other side's socket took (a
 * message sent to the backend counts as the backend's). A REP control socket also gets an empty
 * reply to every other command, so that it can send the next one; other control sockets get none.
 *
 * <p><b>Ending.</b> {@link #run} returns on TERMINATE or when the sockets' context is closed. It
 * throws {@link ZmqException.SocketClosedException} if one of its sockets is closed while the
 * context stays open, and {@link ZmqException.InterruptedException} if its thread is interrupted.
 *
 * <p><b>Thread-safety:</b> while a proxy runs, its sockets belong to it: do not use them from
 * other threads (closing the context is the way to stop it from outside, besides TERMINATE).
 */
public final class Proxy {
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);
    private static final int BATCH = 256;

    private final Socket frontend;
    private final Socket backend;
    private final Socket capture;
    private final Socket control;
    // frontend in frames/bytes, out frames/bytes, backend in frames/bytes, out frames/bytes
    private final long[] stats = new long[8];
    private boolean paused;

    private Proxy(Socket frontend, Socket backend, Socket capture, Socket control) {
        if (frontend == null || backend == null) {
            throw new IllegalArgumentException("frontend: " + frontend + ", backend: " + backend + " (expected: two sockets)");
        }
        this.frontend = frontend;
        this.backend = backend;
        this.capture = capture;
        this.control = control;
    }

    /**
     * Runs a proxy between {@code frontend} and {@code backend} in this thread until the context closes.
     *
     * @param frontend one side, e.g. the ROUTER clients connect to
     * @param backend  the other side, e.g. the DEALER workers connect to
     */
    public static void run(Socket frontend, Socket backend) {
        run(frontend, backend, null, null);
    }

    /**
     * Runs a proxy in this thread until the context closes, copying every message to
     * {@code capture} (may be {@code null}).
     *
     * @param frontend one side, e.g. the ROUTER clients connect to
     * @param backend  the other side, e.g. the DEALER workers connect to
     * @param capture  a socket that gets a copy of every message, or {@code null}
     */
    public static void run(Socket frontend, Socket backend, Socket capture) {
        run(frontend, backend, capture, null);
    }

    /**
     * Runs a steerable proxy in this thread until TERMINATE arrives on {@code control} or the
     * context closes. {@code capture} and {@code control} may be {@code null}.
     *
     * @param frontend one side, e.g. the ROUTER clients connect to
     * @param backend  the other side, e.g. the DEALER workers connect to
     * @param capture  a socket that gets a copy of every message, or {@code null}
     * @param control  a socket that receives PAUSE, RESUME, TERMINATE and STATISTICS, or {@code null}
     */
    public static void run(Socket frontend, Socket backend, Socket capture, Socket control) {
        new Proxy(frontend, backend, capture, control).loop();
    }

    /**
     * Starts {@link #run(Socket, Socket, Socket, Socket)} on a new daemon thread named
     * {@code zmq4j-proxy} and returns the thread (join it to wait for the end).
     *
     * @param frontend one side, e.g. the ROUTER clients connect to
     * @param backend  the other side, e.g. the DEALER workers connect to
     * @param capture  a socket that gets a copy of every message, or {@code null}
     * @param control  a socket that receives PAUSE, RESUME, TERMINATE and STATISTICS, or {@code null}
     * @return the proxy's thread, started
     */
    public static Thread start(Socket frontend, Socket backend, Socket capture, Socket control) {
        Proxy proxy = new Proxy(frontend, backend, capture, control);
        Thread t = new Thread(proxy::loop, "zmq4j-proxy");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void loop() {
        // A direction exists where its source can receive and its target can send (a streamer
        // has one, a queue or forwarder two; one socket as both ends has one).
        Direction forth = direction(frontend, backend, 0, 4);
        Direction back = frontend == backend ? null : direction(backend, frontend, 4, 0);
        if (forth == null && back == null) {
            throw new IllegalArgumentException("frontend: " + frontend.type() + ", backend: " + backend.type()
                    + " (expected: one side that can receive and the other that can send)");
        }
        try (Poller poller = new Poller()) {
            Interest interest = new Interest(poller);
            if (control != null) {
                poller.register(control, Event.READABLE);
            }
            for (;;) {
                interest.update(forth, back);
                poller.poll(Option.FOREVER);
                if (control != null && poller.isReadable(control)) {
                    Message command = control.tryReceive();
                    if (command != null && !obey(command)) {
                        return;
                    }
                }
                if (!paused) {
                    if (forth != null) {
                        forth.pump();
                    }
                    if (back != null) {
                        back.pump();
                    }
                }
            }
        } catch (ZmqException.ContextClosedException e) {
            LOG.debug("proxy: context closed, stopping");
        }
    }

    private Direction direction(Socket source, Socket target, int sourceStats, int targetStats) {
        return source.type().canReceive() && target.type().canSend() ? new Direction(source, target, sourceStats, targetStats) : null;
    }

    /** Carries out one control command; {@code false} on TERMINATE. */
    private boolean obey(Message command) {
        String name = command.first().toUtf8();
        boolean rep = control.type() == SocketType.REP;
        switch (name) {
            case "PAUSE" -> paused = true;
            case "RESUME" -> paused = false;
            case "TERMINATE" -> {
                if (rep) {
                    control.send(Frame.EMPTY.toByteArray());
                }
                return false;
            }
            case "STATISTICS" -> {
                if (!control.type().canSend()) {
                    LOG.warn("proxy: STATISTICS on a {} control socket, which cannot send the reply", control.type());
                    return true;
                }
                byte[][] frames = new byte[8][];
                for (int i = 0; i < 8; i++) {
                    frames[i] = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(stats[i]).array();
                }
                control.send(Message.of(frames));
                return true;
            }
            default -> LOG.warn("proxy: unknown control command '{}' (expected: PAUSE, RESUME, TERMINATE or STATISTICS)", name);
        }
        if (rep) {
            control.send(Frame.EMPTY.toByteArray());
        }
        return true;
    }

    /** One direction of the proxy: from {@code source} to {@code target}. */
    private final class Direction {
        final Socket source;
        final Socket target;
        final int sourceStats;
        final int targetStats;
        Message pending;

        Direction(Socket source, Socket target, int sourceStats, int targetStats) {
            this.source = source;
            this.target = target;
            this.sourceStats = sourceStats;
            this.targetStats = targetStats;
        }

        /** Moves up to a batch of messages; a message the target cannot take now waits in {@code pending}. */
        void pump() {
            for (int i = 0; i < BATCH; i++) {
                Message m = pending;
                if (m == null) {
                    m = source.tryReceive();
                    if (m == null) {
                        return;
                    }
                    stats[sourceStats] += m.size();
                    stats[sourceStats + 1] += m.byteSize();
                }
                if (!target.trySend(m)) {
                    pending = m;
                    return;
                }
                pending = null;
                stats[targetStats + 2] += m.size();
                stats[targetStats + 3] += m.byteSize();
                if (capture != null) {
                    capture.send(m);
                }
            }
        }
    }

    /**
     * The events the proxy waits for: a source's READABLE while its direction has nothing pending,
     * else the target's WRITABLE; nothing on either while paused. Registrations change only when
     * the wanted events change.
     */
    private final class Interest {
        final Poller poller;
        int frontendMask = -1;
        int backendMask = -1;

        Interest(Poller poller) {
            this.poller = poller;
        }

        void update(Direction forth, Direction back) {
            int f = 0;
            int b = 0;
            if (!paused) {
                if (forth != null) {
                    if (forth.pending == null) {
                        f |= 1;
                    } else {
                        b |= 2;
                    }
                }
                if (back != null) {
                    if (back.pending == null) {
                        b |= 1;
                    } else {
                        f |= 2;
                    }
                }
            }
            if (frontend == backend) {
                f |= b;
                frontendMask = apply(frontend, f, frontendMask);
                return;
            }
            frontendMask = apply(frontend, f, frontendMask);
            backendMask = apply(backend, b, backendMask);
        }

        private int apply(Socket s, int mask, int old) {
            if (mask == old) {
                return old;
            }
            if (mask == 0) {
                if (poller.isRegistered(s) && s != control) {
                    poller.unregister(s);
                }
                return 0;
            }
            EnumSet<Event> events = EnumSet.noneOf(Event.class);
            if ((mask & 1) != 0) {
                events.add(Event.READABLE);
            }
            if ((mask & 2) != 0) {
                events.add(Event.WRITABLE);
            }
            poller.register(s, events);
            return mask;
        }
    }
}
