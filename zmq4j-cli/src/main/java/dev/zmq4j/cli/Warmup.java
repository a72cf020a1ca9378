package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An optional JIT warm-up before a perf tool's timed run, so that a short run measures compiled
 * code rather than the JVM compiling it (on a 2-core machine the compiler threads compete with the
 * four threads of a tcp pair).
 *
 * <p>Set with the environment variable {@value #ENV} (milliseconds, default 0 = none). For that
 * long the tool exercises the same path in-process, on a private endpoint of the same transport:
 * PUSH→PULL for the throughput tools, REQ↔REP for the latency tools, with the same message size.
 * Nothing crosses the real endpoint, so the wire exchange is exactly libzmq's tool's, and a
 * zmq4j tool still pairs with a libzmq one.
 */
final class Warmup {
    static final String ENV = "PERF_WARMUP_MS";

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

    /**
     * Runs the warm-up if {@value #ENV} asks for one, noting it on {@code err}.
     *
     * @param endpoint the tool's endpoint: its transport is the one warmed up
     * @param latency  REQ/REP round trips rather than a PUSH/PULL stream
     */
    static void run(String endpoint, int messageSize, boolean latency, PrintWriter err) {
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
                n = latency ? roundTrips(ep, messageSize, deadline) : stream(ep, messageSize, deadline);
            } finally {
                if (dir != null) {
                    Files.deleteIfExists(dir.resolve("w.sock"));
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        err.println("warm-up: " + ms + " ms over " + transport + ", " + n + (latency ? " round trips" : " messages"));
        err.flush();
    }

    /** PUSH→PULL until the deadline; returns the messages received. */
    private static long stream(String endpoint, int size, long deadline) {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            String ep = pull.bind(endpoint);
            Thread sender = new Thread(() -> {
                try (Socket push = context.socket(SocketType.PUSH)) {
                    push.connect(ep);
                    byte[] m = new byte[size];
                    // Both sides stop at the deadline; LINGER 0 drops what is still queued.
                    push.set(Option.LINGER, Duration.ZERO);
                    // A send that times out means the receiver has stopped (its deadline came first).
                    boolean sent = true;
                    while (sent && System.nanoTime() - deadline < 0) {
                        for (int i = 0; i < 1000 && sent; i++) {
                            sent = push.send(m, Duration.ofMillis(100));
                        }
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

    /** REQ↔REP until the deadline; returns the round trips made. */
    private static long roundTrips(String endpoint, int size, long deadline) {
        try (Context context = new Context(); Socket rep = context.socket(SocketType.REP)) {
            String ep = rep.bind(endpoint);
            rep.set(Option.LINGER, Duration.ZERO);
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
            long n = 0;
            try (Socket req = context.socket(SocketType.REQ)) {
                req.set(Option.LINGER, Duration.ZERO);
                req.connect(ep);
                byte[] m = new byte[size];
                while (System.nanoTime() - deadline < 0) {
                    req.send(m);
                    if (req.receiveBytes(Duration.ofSeconds(5)) == null) {
                        break;
                    }
                    n++;
                }
            }
            join(echo);
            return n;
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
