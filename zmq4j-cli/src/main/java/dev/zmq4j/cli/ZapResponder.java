package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The ZAP handler (rfc 27) of a perf tool that is a PLAIN server: a REP socket bound on
 * {@value #ENDPOINT} in the tool's context, answering on a thread of its own until closed. It
 * accepts every PLAIN user, or only {@code user} with {@code password} when they are given; the
 * user id is the user name. Other mechanisms are accepted (a perf tool measures, it guards nothing).
 *
 * <pre>
 *   request: "1.0" | request id | domain | address | identity | mechanism | credentials...
 *   reply:   "1.0" | request id | status code | status text | user id | metadata
 * </pre>
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread.
 */
public final class ZapResponder implements AutoCloseable {
    static final String ENDPOINT = "inproc://zeromq.zap.01";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration START = Duration.ofSeconds(10);

    private final String user;
    private final String password;
    private final Thread thread;
    private volatile boolean stopping;

    private ZapResponder(Context context, String user, String password) {
        this.user = user;
        this.password = password == null ? "" : password;
        CompletableFuture<Void> bound = new CompletableFuture<>();
        this.thread = new Thread(() -> serve(context, bound), "perf-zap");
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

    /**
     * Binds the handler in {@code context} and starts answering.
     *
     * @param user     the only user accepted, or {@code null} for any
     * @param password that user's password
     */
    static ZapResponder start(Context context, String user, String password) {
        return new ZapResponder(context, user, password);
    }

    private void serve(Context context, CompletableFuture<Void> bound) {
        try (Socket rep = context.socket(SocketType.REP)) {
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
        Frame requestId = m.size() > 1 ? m.frame(1) : Frame.EMPTY;
        if (m.size() < 6 || !m.frame(0).toUtf8().equals("1.0")) {
            return reply(requestId, "500", "malformed request", "");
        }
        if (!m.frame(5).toUtf8().equals("PLAIN")) {
            return reply(requestId, "200", "OK", "");
        }
        String name = m.size() > 6 ? m.frame(6).toUtf8() : "";
        String given = m.size() > 7 ? m.frame(7).toUtf8() : "";
        boolean ok = user == null || user.equals(name) && password.equals(given);
        return ok ? reply(requestId, "200", "OK", name) : reply(requestId, "400", "wrong user name or password", "");
    }

    private static Message reply(Frame requestId, String code, String text, String userId) {
        return Message.of(Frame.of("1.0"), requestId, Frame.of(code), Frame.of(text),
                Frame.of(userId.getBytes(StandardCharsets.UTF_8)), Frame.EMPTY);
    }

    /** Stops answering and waits for the handler's thread to close its socket. */
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
