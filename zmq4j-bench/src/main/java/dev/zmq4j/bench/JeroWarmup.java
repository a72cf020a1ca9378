package dev.zmq4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The JeroMQ tools' JIT warm-up, the same as zmq4j's perf tools get (zmq4j-cli's {@code Warmup}):
 * with the environment variable {@value #ENV} set to milliseconds, the tool first exercises the
 * same path in-process on a private endpoint of the same transport (PUSH→PULL for throughput,
 * REQ↔REP for latency, same message size) for that long. Nothing crosses the real endpoint.
 */
final class JeroWarmup {
    static final String ENV = "PERF_WARMUP_MS";

    private JeroWarmup() {
    }

    static void run(String tool, String endpoint, int size) {
        String v = System.getenv(ENV);
        long ms = v == null || v.isBlank() ? 0 : Long.parseLong(v.trim());
        if (ms <= 0) {
            return;
        }
        boolean latency = tool.endsWith("-lat");
        String transport = endpoint.substring(0, Math.max(0, endpoint.indexOf("://")));
        long deadline = System.nanoTime() + ms * 1_000_000L;
        long n;
        Path dir = null;
        try {
            String ep;
            switch (transport) {
                case "ipc" -> {
                    dir = Files.createTempDirectory("jeromq-warmup");
                    ep = "ipc://" + dir.resolve("w.sock");
                }
                case "inproc" -> ep = "inproc://jeromq-warmup";
                default -> ep = "tcp://127.0.0.1:*";
            }
            n = latency ? roundTrips(ep, size, deadline) : stream(ep, size, deadline);
            if (dir != null) {
                Files.deleteIfExists(dir.resolve("w.sock"));
                Files.deleteIfExists(dir);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.err.println("warm-up: " + ms + " ms over " + transport + ", " + n + (latency ? " round trips" : " messages"));
    }

    private static long stream(String endpoint, int size, long deadline) {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket pull = context.createSocket(SocketType.PULL);
            pull.setReceiveTimeOut(100);
            pull.bind(endpoint);
            String ep = pull.getLastEndpoint();
            Thread sender = new Thread(() -> {
                ZMQ.Socket push = context.createSocket(SocketType.PUSH);
                push.setSendTimeOut(100);
                push.setLinger(0);
                push.connect(ep);
                byte[] m = new byte[size];
                while (System.nanoTime() - deadline < 0) {
                    for (int i = 0; i < 1000; i++) {
                        push.send(m, 0);
                    }
                }
                push.close();
            }, "perf-warmup-sender");
            sender.start();
            long n = 0;
            while (System.nanoTime() - deadline < 0) {
                if (pull.recv(0) != null) {
                    n++;
                }
            }
            join(sender);
            pull.setLinger(0);
            return n;
        }
    }

    private static long roundTrips(String endpoint, int size, long deadline) {
        try (ZContext context = new ZContext(1)) {
            ZMQ.Socket rep = context.createSocket(SocketType.REP);
            rep.setReceiveTimeOut(200);
            rep.setLinger(0);
            rep.bind(endpoint);
            String ep = rep.getLastEndpoint();
            Thread echo = new Thread(() -> {
                for (;;) {
                    byte[] m = rep.recv(0);
                    if (m == null) {
                        return;
                    }
                    rep.send(m, 0);
                }
            }, "perf-warmup-echo");
            echo.start();
            ZMQ.Socket req = context.createSocket(SocketType.REQ);
            req.setReceiveTimeOut(5000);
            req.setLinger(0);
            req.connect(ep);
            byte[] m = new byte[size];
            long n = 0;
            while (System.nanoTime() - deadline < 0) {
                req.send(m, 0);
                if (req.recv(0) == null) {
                    break;
                }
                n++;
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
