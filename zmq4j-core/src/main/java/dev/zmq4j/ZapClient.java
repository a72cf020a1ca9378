package dev.zmq4j;

import dev.zmq4j.transport.inproc.InprocTransport;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A context's client of the ZAP handler (rfc 27) the application bound on
 * {@code inproc://zeromq.zap.01} (an {@code Authenticator}, or its own REP/ROUTER socket): one
 * DEALER connected there, whose requests carry ids unique in the context, and a daemon thread
 * that hands each reply to the connection that asked. When the handler's socket goes and another
 * binds, the next request connects anew. Thread-safe.
 */
final class ZapClient implements Zap {
    /** rfc 27's endpoint. */
    static final String NAME = "zeromq.zap.01";
    private static final Logger LOG = LoggerFactory.getLogger(ZapClient.class);
    private static final String VERSION = "1.0";

    private final Context context;
    private final InprocTransport inproc;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Consumer<Reply>> pending = new ConcurrentHashMap<>();
    private Object binding;
    private Socket dealer;

    ZapClient(Context context, InprocTransport inproc) {
        this.context = context;
        this.inproc = inproc;
    }

    @Override
    public boolean authenticate(Request request, Consumer<Reply> reply) {
        Socket s = socket();
        if (s == null) {
            return false;
        }
        String id = Long.toString(ids.incrementAndGet());
        pending.put(id, reply);
        List<Frame> frames = new ArrayList<>();
        frames.add(Frame.EMPTY);
        frames.add(Frame.of(VERSION));
        frames.add(Frame.of(id));
        frames.add(Frame.of(request.domain()));
        frames.add(Frame.of(request.address()));
        frames.add(Frame.of(request.identity()));
        frames.add(Frame.of(request.mechanism()));
        request.credentials().forEach(c -> frames.add(Frame.of(c)));
        boolean sent;
        try {
            sent = s.trySend(Message.of(frames));
        } catch (ZmqException e) {
            sent = false;
        }
        if (!sent && pending.remove(id) != null) {
            reply.accept(new Reply(id, 500, "ZAP request not sent: the handler's queue is full or closed", "", Metadata.empty()));
        }
        return true;
    }

    /** The DEALER to the handler bound now, or {@code null} if none is. */
    private synchronized Socket socket() {
        Object now = inproc.binding(NAME);
        if (now == null || context.isClosed()) {
            return null;
        }
        if (now != binding || dealer == null || dealer.isClosed()) {
            if (dealer != null) {
                dealer.close();
            }
            Socket s = context.socket(SocketType.DEALER);
            s.set(Option.LINGER, Duration.ZERO);
            s.connect("inproc://" + NAME);
            Thread t = new Thread(() -> receive(s), "zmq4j-zap-client");
            t.setDaemon(true);
            t.start();
            binding = now;
            dealer = s;
        }
        return dealer;
    }

    /** Hands each reply to the connection that asked, until the socket closes. */
    private void receive(Socket s) {
        try {
            while (!s.isClosed()) {
                dispatch(s.receive());
            }
        } catch (ZmqException e) {
            LOG.debug("ZAP client socket closed: {}", e.getMessage());
        }
    }

    private void dispatch(Message m) {
        // empty delimiter, version, request id, status code, status text, user id, metadata
        if (m.size() != 7 || !m.frame(0).isEmpty()) {
            LOG.warn("ZAP reply: {} frames (expected: 7 after an empty delimiter); dropped", m.size());
            return;
        }
        String id = m.frame(2).toUtf8();
        Consumer<Reply> to = pending.remove(id);
        if (to == null) {
            LOG.warn("ZAP reply: request id {} (expected: one awaiting a reply); dropped", id);
            return;
        }
        to.accept(parse(id, m));
    }

    /** The reply, or a 500 naming what was wrong with it. */
    static Reply parse(String id, Message m) {
        String version = m.frame(1).toUtf8();
        if (!version.equals(VERSION)) {
            return malformed(id, "version: " + version + " (expected: 1.0)");
        }
        String code = m.frame(3).toUtf8();
        if (!code.matches("[2345]00")) {
            return malformed(id, "status code: " + code + " (expected: 200, 300, 400 or 500)");
        }
        Metadata metadata;
        try {
            metadata = Metadata.decode(m.frame(6).toByteArray(), 0);
        } catch (ProtocolException e) {
            return malformed(id, "metadata: " + e.getMessage());
        }
        return new Reply(id, Integer.parseInt(code), m.frame(4).toUtf8(),
                new String(m.frame(5).toByteArray(), StandardCharsets.UTF_8), metadata);
    }

    private static Reply malformed(String id, String what) {
        LOG.warn("ZAP reply {}: {}; the peer is refused (500)", id, what);
        return new Reply(id, 500, "malformed ZAP reply: " + what, "", Metadata.empty());
    }
}
