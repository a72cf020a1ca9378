package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.security.CurveKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * An optional JIT warm-up before a perf tool's timed run, so that a short run measures compiled
 * code rather than the JVM compiling it (on a 2-core machine the compiler threads compete with the
 * four threads of a tcp pair).
 *
 * <p>Set with the environment variable {@value #ENV} (milliseconds, default 0 = none). For that
 * long the tool exercises the same path in-process, on a private endpoint of the same transport:
 * PUSH→PULL for the throughput tools, REQ↔REP for the latency tools, with the same message size,
 * new REQ sockets against one REP for the handshake tools (at least {@value #HANDSHAKE_FLOOR} of
 * them, see {@link #handshakeWarmup}); and with the same security mechanism
 * (CURVE with throwaway keys of its own, PLAIN with a {@link ZapResponder}), so that a CURVE run
 * measures compiled cryptography. Nothing crosses the real endpoint, so the wire exchange is
 * exactly libzmq's tool's, and a zmq4j tool still pairs with a libzmq one. The warm-up's sockets
 * live in the context that the timed run then uses ({@link #warmedUp}).
 */
final class Warmup {
    static final String ENV = "PERF_WARMUP_MS";
    /** The fewest NULL handshakes a handshake tool's warm-up makes (see {@link #handshakeWarmup}). */
    static final int HANDSHAKE_FLOOR = 15_000;
    /** Round trips between two looks at the deadline in a latency warm-up. */
    private static final int CHUNK = 1_000;
    /** The longest a warm-up send waits before the sender looks at the deadline again. */
    private static final long SEND_WAIT_NANOS = 100_000_000;

    /**
     * Throwaway CURVE key pairs for the in-process warm-up only; they protect nothing. Made on
     * first use (a class of their own), so that a NULL or PLAIN run never loads the cryptography.
     */
    private static final class Keys {
        static final CurveKeyPair SERVER = CurveKeyPair.generate();
        static final CurveKeyPair CLIENT = CurveKeyPair.generate();
    }

    /** What a warm-up exercises. */
    enum Kind {
        /** PUSH→PULL. */
        STREAM,
        /** REQ↔REP round trips. */
        ROUND_TRIPS,
        /** A new REQ socket per request, against one REP. */
        HANDSHAKES
    }

    private Warmup() {
    }

    /** The warm-up time from {@value #ENV}, 0 if unset. */
    static long millis() {
        String v = System.getenv(ENV);
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ENV + ": " + v + " (expected: milliseconds)");
        }
    }

    /** As {@link #warmedUp(String, int, Kind, String, PrintWriter)}, a stream or round trips without security. */
    static Context warmedUp(String endpoint, int messageSize, boolean latency, PrintWriter err) {
        return warmedUp(endpoint, messageSize, latency ? Kind.ROUND_TRIPS : Kind.STREAM, "NULL", err);
    }

    /**
     * A new context for a tool's timed run, warmed up first if {@value #ENV} asks for it. The timed
     * run uses the I/O thread the warm-up used, with its thread-locals and allocator caches: on a
     * fresh context the first messages of a new I/O thread take branches the warm-up had stopped
     * taking, and C2 threw its code away and compiled it again in the middle of the timed run.
     * What else the timed run does that the warm-up did not is why {@code bin/zmq4j} turns C2's
     * uncommon traps off (docs/PERFORMANCE.md, "The slow round trips come after the warm-up").
     */
    static Context warmedUp(String endpoint, int messageSize, Kind kind, String mechanism, PrintWriter err) {
        Context context = new Context();
        try {
            run(context, endpoint, messageSize, kind, mechanism, err);
            return context;
        } catch (RuntimeException | Error e) {
            context.close();
            throw e;
        }
    }

    /**
     * Runs the warm-up in {@code context} if {@value #ENV} asks for one, noting it on {@code err}.
     *
     * @param endpoint  the tool's endpoint: its transport is the one warmed up
     * @param kind      the exchange to warm up
     * @param mechanism NULL, PLAIN or CURVE
     */
    private static void run(Context context, String endpoint, int messageSize, Kind kind, String mechanism,
            PrintWriter err) {
        long ms = millis();
        if (ms == 0) {
            return;
        }
        String transport = endpoint.substring(0, Math.max(0, endpoint.indexOf("://")));
        long deadline = System.nanoTime() + Duration.ofMillis(ms).toNanos();
        long n;
        try {
            Path dir = transport.equals("ipc") ? Files.createTempDirectory("zmq4j-warmup") : null;
            try {
                String ep = switch (transport) {
                    case "ipc" -> "ipc://" + dir.resolve("w.sock");
                    case "inproc" -> "inproc://zmq4j-warmup";
                    default -> "tcp://127.0.0.1:*";
                };
                n = switch (kind) {
                    case STREAM -> stream(context, ep, messageSize, mechanism, deadline);
                    case ROUND_TRIPS -> roundTrips(context, ep, messageSize, mechanism, deadline);
                    case HANDSHAKES -> handshakeWarmup(context, ep, mechanism, deadline);
                };
            } finally {
                if (dir != null) {
                    Files.deleteIfExists(dir.resolve("w.sock"));
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String what = switch (kind) {
            case STREAM -> " messages";
            case ROUND_TRIPS -> " round trips";
            case HANDSHAKES -> " handshakes";
        };
        err.println("warm-up: " + ms + " ms over " + transport + (mechanism.equals("NULL") ? "" : " with " + mechanism)
                + ", " + n + what);
        err.flush();
    }

    /** PUSH→PULL until the deadline; returns the messages received. */
    private static long stream(Context context, String endpoint, int size, String mechanism, long deadline) {
        try (ZapResponder zap = zap(context, mechanism);
             Socket pull = server(context.socket(SocketType.PULL), mechanism)) {
            String ep = pull.bind(endpoint);
            Thread sender = new Thread(() -> {
                try (Socket push = client(context.socket(SocketType.PUSH), mechanism)) {
                    push.connect(ep);
                    byte[] m = new byte[size];
                    // Both sides stop at the deadline; LINGER 0 drops what is still queued. A send
                    // that times out is no reason to stop early: with large messages a cold JVM
                    // can take longer than one send's wait to drain SNDHWM's worth (1,000 x 64 KiB),
                    // and a sender that stopped there left the JIT cold for the timed run (warm-ups
                    // of 0 and 62 messages were seen). Each send waits at most until the deadline.
                    long left;
                    while ((left = deadline - System.nanoTime()) > 0) {
                        push.send(m, Duration.ofNanos(Math.min(left, SEND_WAIT_NANOS)));
                    }
                }
            }, "perf-warmup-sender");
            sender.start();
            long n = 0;
            while (System.nanoTime() - deadline < 0) {
                for (int i = 0; i < 1000; i++) {
                    if (pull.receiveBytes(Duration.ofMillis(100)) == null) {
                        break;
                    }
                    n++;
                }
            }
            join(sender);
            return n;
        }
    }

    /**
     * REQ↔REP until the deadline, through the latency tools' own loops ({@link RoundTripLoops}) in
     * chunks of {@value #CHUNK}; returns the round trips made. The REQ ends with one request of
     * another size, which the echo answers and stops at.
     */
    private static long roundTrips(Context context, String endpoint, int size, String mechanism, long deadline) {
        try (ZapResponder zap = zap(context, mechanism);
             Socket rep = server(context.socket(SocketType.REP), mechanism)) {
            String ep = rep.bind(endpoint);
            rep.set(Option.LINGER, Duration.ZERO);
            Thread echo = new Thread(() -> {
                int stop;
                while ((stop = RoundTripLoops.echo(rep, size, CHUNK)) < 0) {
                    // the next chunk
                }
                rep.send(new byte[stop]);
            }, "perf-warmup-echo");
            echo.setDaemon(true); // should the REQ side fail, a process can still exit
            echo.start();
            long n = 0;
            try (Socket req = client(context.socket(SocketType.REQ), mechanism)) {
                req.set(Option.LINGER, Duration.ZERO);
                req.connect(ep);
                byte[] m = new byte[size];
                Histogram scratch = new Histogram(3);
                while (System.nanoTime() - deadline < 0) {
                    if (RoundTripLoops.request(req, m, CHUNK, scratch, null) < 0) {
                        throw new IllegalStateException("warm-up: a reply of the wrong size");
                    }
                    scratch.reset();
                    n += CHUNK;
                }
                req.send(new byte[size + 1]);
                req.receiveBytes();
            }
            join(echo);
            return n;
        }
    }

    /**
     * A handshake runs its code once per connection, not once per message: 3 s of handshakes
     * (about 2,000 of them here) leave the connection path in the C1 compiler's code, well short
     * of the ~15,000 calls after which HotSpot compiles a method with C2 (Tier4CompileThreshold),
     * and such a client measured ~25 % slower than one warmed on the real path. So the handshake
     * warm-up makes at least {@value #HANDSHAKE_FLOOR} NULL handshakes (the path every mechanism
     * shares: socket, connect, session, greeting, READY, close) and then, until the deadline, the
     * tool's own mechanism's.
     */
    private static long handshakeWarmup(Context context, String endpoint, String mechanism, long deadline) {
        boolean nullOnly = mechanism.equals("NULL");
        long n = handshakes(context, endpoint, "NULL", nullOnly ? deadline : System.nanoTime(), HANDSHAKE_FLOOR);
        return nullOnly ? n : n + handshakes(context, endpoint, mechanism, deadline, 0);
    }

    /**
     * New REQ sockets, one request each, until the deadline and at least {@code atLeast} of them;
     * returns the handshakes made.
     */
    private static long handshakes(Context context, String endpoint, String mechanism, long deadline, long atLeast) {
        try (ZapResponder zap = zap(context, mechanism);
             Socket rep = server(context.socket(SocketType.REP), mechanism)) {
            String ep = rep.bind(endpoint);
            rep.set(Option.LINGER, Duration.ZERO);
            Thread echo = echo(rep);
            long n = 0;
            byte[] m = new byte[HandshakeClient.REQUEST_SIZE];
            while (System.nanoTime() - deadline < 0 || n < atLeast) {
                try (Socket req = client(context.socket(SocketType.REQ), mechanism)) {
                    req.set(Option.LINGER, Duration.ZERO);
                    req.connect(ep);
                    req.send(m);
                    if (req.receiveBytes(Duration.ofSeconds(5)) == null) {
                        break;
                    }
                }
                n++;
            }
            join(echo);
            return n;
        }
    }

    /** Echoes on {@code rep} on a thread of its own until nothing has come for 200 ms. */
    private static Thread echo(Socket rep) {
        Thread echo = new Thread(() -> {
            try {
                for (;;) {
                    byte[] m = rep.receiveBytes(Duration.ofMillis(200));
                    if (m == null) {
                        return;
                    }
                    rep.send(m);
                }
            } catch (ZmqException closed) {
                // The context closed under us: warm-up is over.
            }
        }, "perf-warmup-echo");
        echo.start();
        return echo;
    }

    /** The binding side of a warm-up: the server of the mechanism. */
    private static Socket server(Socket s, String mechanism) {
        switch (mechanism) {
            case "CURVE" -> {
                s.set(Option.CURVE_SERVER, true);
                s.set(Option.CURVE_SECRETKEY, Keys.SERVER.secretKey());
            }
            case "PLAIN" -> s.set(Option.PLAIN_SERVER, true);
            default -> { }
        }
        return s;
    }

    /** The connecting side of a warm-up: the client of the mechanism. */
    private static Socket client(Socket s, String mechanism) {
        switch (mechanism) {
            case "CURVE" -> {
                s.set(Option.CURVE_PUBLICKEY, Keys.CLIENT.publicKey());
                s.set(Option.CURVE_SECRETKEY, Keys.CLIENT.secretKey());
                s.set(Option.CURVE_SERVERKEY, Keys.SERVER.publicKey());
            }
            case "PLAIN" -> {
                s.set(Option.PLAIN_USERNAME, "warmup");
                s.set(Option.PLAIN_PASSWORD, "warmup");
            }
            default -> { }
        }
        return s;
    }

    /** The ZAP handler a PLAIN server needs; {@code null} for the other mechanisms. */
    private static ZapResponder zap(Context context, String mechanism) {
        return mechanism.equals("PLAIN") ? ZapResponder.start(context, null, null) : null;
    }

    private static byte[] ascii(String z85) {
        return z85.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
