package dev.zmq4j.interop;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.security.Z85;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A ZAP handler (rfc 27) for tests, written as an application would write one: a plain zmq4j REP
 * socket bound on {@value #ENDPOINT} in the context of the sockets it authenticates, answering on a
 * thread of its own until closed. It keeps every request it answered, for the tests to check what
 * the mechanism asked.
 *
 * <pre>
 *   request (REP strips the envelope)         reply
 *   +-----+                                   +-----+
 *   | 1.0 |  version                          | 1.0 |  version
 *   | id  |  request id                       | id  |  request id, echoed
 *   | dom |  domain (ZAP_DOMAIN)              | 200 |  status code: 200, 300, 400 or 500
 *   | ip  |  the peer's address               | txt |  status text
 *   | rid |  the peer's identity              | uid |  user id (200 only)
 *   | mec |  NULL, PLAIN or CURVE             |     |  metadata (empty here)
 *   | ... |  credentials: PLAIN user and      +-----+
 *   +-----+  password; CURVE the 32-byte key
 * </pre>
 *
 * <p>Thread-safety: {@link #requests()} and {@link #close()} may be called from any thread.
 */
final class ZapHandler implements AutoCloseable {
    /** Where rfc 27 puts the handler. */
    static final String ENDPOINT = "inproc://zeromq.zap.01";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration START = Duration.ofSeconds(10);

    /** One ZAP request as the handler received it. */
    record Request(String version, byte[] requestId, String domain, String address, byte[] identity,
                   String mechanism, List<byte[]> credentials) {
    }

    /** The handler's decision on a request. */
    record Decision(String statusCode, String statusText, String userId) {
        static Decision allow(String userId) {
            return new Decision("200", "OK", userId);
        }

        static Decision refuse(String why) {
            return new Decision("400", why, "");
        }
    }

    private final Function<Request, Decision> policy;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean stopping;

    private ZapHandler(Context ctx, Function<Request, Decision> policy) {
        this.policy = policy;
        CompletableFuture<Void> bound = new CompletableFuture<>();
        this.thread = new Thread(() -> serve(ctx, bound), "zap-handler");
        thread.setDaemon(true);
        thread.start();
        try {
            bound.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the ZAP handler could not bind " + ENDPOINT, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the ZAP handler did not bind " + ENDPOINT + " within " + START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the ZAP handler", e);
        }
    }

    /** A handler for PLAIN: {@code users} maps user names to passwords; the user id is the user name. */
    static ZapHandler plain(Context ctx, Map<String, String> users) {
        return new ZapHandler(ctx, r -> {
            if (!r.mechanism().equals("PLAIN") || r.credentials().size() != 2) {
                return Decision.refuse("expected PLAIN with a user name and a password");
            }
            String user = new String(r.credentials().get(0), StandardCharsets.UTF_8);
            String password = new String(r.credentials().get(1), StandardCharsets.UTF_8);
            return password.equals(users.get(user)) ? Decision.allow(user) : Decision.refuse("wrong user name or password");
        });
    }

    /** A handler for CURVE: the clients whose public keys (Z85) are in {@code allowed} pass, user id "curve:" + key. */
    static ZapHandler curve(Context ctx, Set<String> allowed) {
        return new ZapHandler(ctx, r -> {
            if (!r.mechanism().equals("CURVE") || r.credentials().size() != 1 || r.credentials().get(0).length != 32) {
                return Decision.refuse("expected CURVE with a 32-byte key");
            }
            String key = Z85.encode(r.credentials().get(0));
            return allowed.contains(key) ? Decision.allow("curve:" + key) : Decision.refuse("unknown key");
        });
    }

    /** The requests answered so far, oldest first. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void serve(Context ctx, CompletableFuture<Void> bound) {
        try (Socket rep = ctx.socket(SocketType.REP)) {
            rep.set(Option.LINGER, Duration.ZERO);
            try {
                rep.bind(ENDPOINT);
            } catch (RuntimeException e) {
                bound.completeExceptionally(e);
                return;
            }
            bound.complete(null);
            while (!stopping) {
                Message m = rep.receive(POLL);
                if (m != null) {
                    rep.send(answer(m));
                }
            }
        }
    }

    private Message answer(Message m) {
        // An opaque blob, echoed as it came.
        Frame requestId = m.size() > 1 ? m.frame(1) : Frame.EMPTY;
        if (m.size() < 6) {
            return reply(requestId, Decision.refuse("a ZAP request has at least 6 frames, not " + m.size()));
        }
        List<byte[]> credentials = new ArrayList<>();
        for (int i = 6; i < m.size(); i++) {
            credentials.add(m.frame(i).toByteArray());
        }
        Request r = new Request(m.frame(0).toUtf8(), requestId.toByteArray(), m.frame(2).toUtf8(), m.frame(3).toUtf8(),
                m.frame(4).toByteArray(), m.frame(5).toUtf8(), List.copyOf(credentials));
        requests.add(r);
        Decision d = r.version().equals("1.0") ? policy.apply(r) : new Decision("500", "version: " + r.version(), "");
        return reply(requestId, d);
    }

    private static Message reply(Frame requestId, Decision d) {
        return Message.of(Frame.of("1.0"), requestId, Frame.of(d.statusCode()), Frame.of(d.statusText()),
                Frame.of(d.userId()), Frame.EMPTY);
    }

    /** Stops answering and closes the socket, waiting for the handler's thread. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(START.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
