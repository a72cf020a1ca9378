package dev.zmq4j.auth;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZAP handler (rfc 27) for the sockets of one {@link Context}: it binds a ROUTER on
 * {@value #ENDPOINT} and answers authentication requests on its own daemon thread until
 * {@link #close()}. Its policies are czmq zauth's (and JeroMQ ZAuth's):
 *
 * <ul>
 *   <li>{@link #allow}/{@link #deny}: address lists, for every mechanism including NULL. A denied
 *       address is refused; if the allow list is not empty, only addresses on it pass (an address
 *       on both lists is refused). Addresses passing the lists still need their mechanism's
 *       credentials.</li>
 *   <li>NULL: admitted (user id empty).</li>
 *   <li>PLAIN: {@link #plain(Map)} or {@link #plain(Path)} (a {@code user=password} file, read
 *       again when it changes); user id: the user name. Without either, PLAIN is refused.</li>
 *   <li>CURVE: {@link #curve(Path)}, a directory of public certificate files (czmq's format),
 *       read again when it changes, so a new file admits its key and a removed one drops it
 *       without a restart; or {@link #curveAllowAny()}. User id: the client's public key in Z85
 *       (unique and unforgeable, where a certificate's {@code name} is neither); metadata: the
 *       certificate's metadata as ZMTP properties (so {@code message.property("name")} gives it),
 *       except names ZMTP cannot carry or that a connection already defines. Without either,
 *       CURVE is refused.</li>
 *   <li>{@link #domain}: if set, requests for other ZAP domains are refused.</li>
 *   <li>Any other mechanism is refused.</li>
 * </ul>
 *
 * <p>Replies: {@code 200 OK} with the user id and metadata; {@code 400} with the reason of a
 * refusal; {@code 500} with what is wrong with a malformed request (a request without an
 * envelope delimiter or a request id cannot be answered and is dropped). Every reply has version
 * {@code 1.0}. Refusals are logged at INFO once per address and reason, malformed requests at
 * WARN once per reason, so a client retrying every second does not flood the log; a policy
 * change makes them news again.
 *
 * <pre>{@code
 * try (Authenticator auth = Authenticator.install(context)) {
 *     auth.allow("127.0.0.1").curve(Path.of("/etc/myapp/clients"));
 *     ... sockets of context with CURVE_SERVER ...
 * }
 * }</pre>
 *
 * <p>Thread-safe: the policy setters may be called from any thread, before {@link #start} or
 * while requests are served; a request sees the policy before or after a concurrent change.
 * rfc 27 allows one handler per process; zmq4j allows one per {@link Context} (the endpoint is
 * the context's).
 */
public final class Authenticator implements AutoCloseable {
    /** The endpoint ZAP handlers bind (rfc 27). */
    public static final String ENDPOINT = "inproc://zeromq.zap.01";

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ZapPolicy policy = new ZapPolicy();
    private final OnceLog once = new OnceLog();
    private volatile Socket socket;
    private volatile Thread thread;
    private volatile boolean closed;

    /** An authenticator with no policy (NULL admitted, PLAIN and CURVE refused), not yet serving. */
    public Authenticator() {
    }

    /**
     * A new authenticator serving {@code context}: {@code new Authenticator().start(context)}.
     *
     * @param context the context whose server sockets it authenticates
     * @return the authenticator, serving; set its policy, close it after the sockets
     * @throws ZmqException.AddressInUseException if {@code context} has a ZAP handler already
     */
    public static Authenticator install(Context context) {
        return new Authenticator().start(context);
    }

    /**
     * Binds {@value #ENDPOINT} in {@code context} and starts serving on a daemon thread.
     *
     * @param context the context whose server sockets it authenticates
     * @return this
     * @throws IllegalStateException               if started before, or closed
     * @throws ZmqException.AddressInUseException  if {@code context} has a ZAP handler already
     * @throws ZmqException.ContextClosedException if {@code context} is closed
     */
    public synchronized Authenticator start(Context context) {
        if (closed || socket != null) {
            throw new IllegalStateException("authenticator: " + (closed ? "closed" : "started")
                    + " (expected: a new authenticator)");
        }
        Socket s = context.socket(SocketType.ROUTER);
        try {
            s.set(Option.LINGER, Duration.ZERO);
            s.bind(ENDPOINT);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        socket = s;
        thread = new Thread(() -> serve(s), "zmq4j-zap-handler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Adds addresses (IP literals, e.g. {@code 127.0.0.1}, {@code ::1}) to the allow list: once it
     * is not empty, only those addresses may connect, whatever the mechanism.
     *
     * @param addresses IP literals
     * @return this
     * @throws IllegalArgumentException if an address is null or blank
     */
    public Authenticator allow(String... addresses) {
        policy.allow(addresses);
        once.clear();
        return this;
    }

    /**
     * Adds addresses to the deny list: those addresses are refused, whatever the mechanism.
     *
     * @param addresses IP literals
     * @return this
     * @throws IllegalArgumentException if an address is null or blank
     */
    public Authenticator deny(String... addresses) {
        policy.deny(addresses);
        once.clear();
        return this;
    }

    /**
     * Serves only these ZAP domains (a server socket's ZAP_DOMAIN; libzmq sends an empty domain
     * when none is set): requests for others are refused. No argument: every domain (the default).
     *
     * @param domains the domains served; none for every domain
     * @return this
     */
    public Authenticator domain(String... domains) {
        policy.domains(domains);
        once.clear();
        return this;
    }

    /**
     * PLAIN clients are admitted with these user names and passwords (replacing an earlier table
     * or file).
     *
     * @param passwords password by user name
     * @return this
     */
    public Authenticator plain(Map<String, String> passwords) {
        policy.plain(passwords);
        once.clear();
        return this;
    }

    /**
     * PLAIN clients are admitted with the user names and passwords in {@code passwordFile}: lines
     * {@code user=password}, {@code #} comment lines, blank lines. The file is read now and again
     * whenever it changes; if it becomes unreadable or malformed, PLAIN clients are refused until
     * it is fixed.
     *
     * @param passwordFile the password file
     * @return this
     * @throws IOException if the file cannot be read now, or a line is malformed (the message
     *                     names file and line)
     */
    public Authenticator plain(Path passwordFile) throws IOException {
        policy.plain(passwordFile);
        once.clear();
        return this;
    }

    /**
     * CURVE clients are admitted if their public key is in a certificate file in
     * {@code certificateDirectory} (czmq's format: every file except hidden ones and
     * {@code *_secret}). The directory is watched: a change takes effect for the next request.
     * Replaces {@link #curveAllowAny()} and an earlier directory.
     *
     * @param certificateDirectory the directory of the admitted clients' public certificates
     * @return this
     * @throws IOException           if it is not a directory or cannot be read or watched
     * @throws IllegalStateException if this authenticator is closed
     */
    public Authenticator curve(Path certificateDirectory) throws IOException {
        policy.curve(certificateDirectory);
        once.clear();
        return this;
    }

    /**
     * Every CURVE client is admitted (the handshake still proves it holds its key's secret);
     * replaces a certificate directory.
     *
     * @return this
     * @throws IllegalStateException if this authenticator is closed
     */
    public Authenticator curveAllowAny() {
        try {
            policy.curveAllowAny();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the certificate directory's watch", e);
        }
        once.clear();
        return this;
    }

    /** {@return whether the handler is serving: started and not closed (nor its context)} */
    public boolean isRunning() {
        Thread t = thread;
        return !closed && t != null && t.isAlive();
    }

    /**
     * Stops serving: closes the ROUTER (freeing {@value #ENDPOINT}), waits for the handler thread
     * and stops watching a certificate directory. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        Socket s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            s = socket;
        }
        if (s != null) {
            s.close();
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            policy.close();
        } catch (IOException e) {
            LOG.debug("ZAP: closing the certificate directory's watch", e);
        }
    }

    private void serve(Socket s) {
        try {
            while (!closed) {
                Message request = s.receive();
                if (request == null) {
                    continue;
                }
                Message reply = answer(request);
                if (reply != null) {
                    s.send(reply);
                }
            }
        } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException e) {
            LOG.debug("ZAP: handler stopped: {}", e.getMessage());
        } catch (RuntimeException e) {
            // Not expected (answer() catches the policy's failures); with no handler, handshakes
            // that need one time out: nobody is admitted by accident.
            LOG.error("ZAP: handler failed; ZAP requests are no longer answered", e);
        }
    }

    /** The reply to one received message, or {@code null} if it cannot be answered. */
    Message answer(Message message) {
        ZapRequest request;
        try {
            request = ZapRequest.parse(message);
        } catch (ZapRequest.Malformed e) {
            if (once.first("malformed " + e.getMessage())) {
                LOG.warn("ZAP: malformed request{}: {}", e.answerable() ? "" : " (not answered)", e.getMessage());
            }
            return e.answerable() ? ZapReply.error(e.getMessage()).toMessage(e.envelope, e.requestId) : null;
        }
        ZapReply reply;
        try {
            reply = policy.decide(request);
        } catch (RuntimeException e) {
            LOG.error("ZAP: internal error deciding a {} request from {}", request.mechanism(), request.address(), e);
            reply = ZapReply.error("internal error");
        }
        if (reply.status() == ZapReply.REFUSED && once.first(request.address() + " " + reply.text())) {
            LOG.info("ZAP: refused {} client {}{}: {}", request.mechanism(), request.address(),
                    request.domain().isEmpty() ? "" : " (domain " + request.domain() + ")", reply.text());
        }
        return reply.toMessage(request.envelope(), request.requestId());
    }
}
