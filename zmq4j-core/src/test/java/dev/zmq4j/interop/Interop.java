package dev.zmq4j.interop;

import static dev.zmq4j.interop.Payloads.SEQ;
import static dev.zmq4j.interop.Payloads.abbreviate;
import static dev.zmq4j.interop.Payloads.difference;
import static dev.zmq4j.interop.Payloads.message;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * The scenarios the interop tests run between a zmq4j socket and a {@link PythonPeer}: one-way
 * streams, request-reply exchanges and peer restarts, with zmq4j on either side.
 */
final class Interop {
    /** Binds to an ephemeral port on the loopback interface. */
    static final String ANY = "tcp://127.0.0.1:*";
    /** Binds to a new Unix domain socket path in the temporary directory. */
    static final String ANY_IPC = "ipc://*";
    /** The longest any single send or receive may take before the test fails. */
    static final Duration STEP = Duration.ofSeconds(30);
    /** The longest a python peer may take to finish once zmq4j has done its part. */
    static final Duration FINISH = Duration.ofSeconds(60);
    /** How many messages the connecting side queues before the binding side exists. */
    static final int EARLY = 100;

    private Interop() {
    }

    /** A zmq4j socket that drops what is unsent at close: every test checks delivery itself. */
    static Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /**
     * A tcp endpoint on a port that was free a moment ago (bound to port 0 by a java ServerSocket
     * and closed again), for a connect that must come before the bind. Another process could take
     * the port meanwhile; that race is accepted.
     */
    static String reservedEndpoint() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code m}, failing the test (with the peer's story) if that takes longer than {@link #STEP}. */
    static void send(Socket s, Message m, PythonPeer peer) {
        if (!s.send(m, STEP)) {
            fail("zmq4j " + s.type() + " could not send " + abbreviate(m) + " within " + STEP + "; " + peer.describe());
        }
    }

    /** Receives a message, failing the test if none comes within {@link #STEP}. */
    static Message receive(Socket s, PythonPeer peer, String expected) {
        Message m = s.receive(STEP);
        if (m == null) {
            fail("zmq4j " + s.type() + " received nothing within " + STEP + " (expected: " + expected + "); "
                    + peer.describe());
        }
        return m;
    }

    /** Receives message {@code i}, failing the test unless it is exactly {@code want}. */
    static Message expect(Socket s, PythonPeer peer, Message want, int i) {
        Message got = receive(s, peer, "message " + i);
        String diff = difference(got, want);
        if (diff != null) {
            fail("zmq4j " + s.type() + " message " + i + ": " + diff + "; " + peer.describe());
        }
        return got;
    }

    /**
     * Starts a python peer of {@code type} running {@code script} against zmq4j socket {@code s},
     * with the roles given. With {@code connectFirst} the binding side comes last: a python peer
     * that connects first is given until it prints {@code cue} before zmq4j binds; when zmq4j
     * connects first, {@code beforeBind} runs before the python peer starts.
     */
    private static PythonPeer start(Socket s, Roles roles, boolean connectFirst, SocketType type, String script,
                                    String cue, Runnable beforeBind, String any) {
        String pyType = type.name();
        if (!connectFirst) {
            if (roles.zmq4jBinds()) {
                return PythonPeer.connect(pyType, s.bind(any), script);
            }
            PythonPeer peer = PythonPeer.bind(pyType, any, script);
            s.connect(peer.endpoint());
            return peer;
        }
        String endpoint = reservedEndpoint();
        if (roles.zmq4jBinds()) {
            PythonPeer peer = PythonPeer.connect(pyType, endpoint, script);
            try {
                peer.awaitLine(cue, STEP);
                s.bind(endpoint);
            } catch (RuntimeException | AssertionError e) {
                peer.close();
                throw e;
            }
            return peer;
        }
        s.connect(endpoint);
        beforeBind.run();
        return PythonPeer.bind(pyType, endpoint, script);
    }

    /**
     * Moves messages {@code 0..n-1} of {@code kind} one way between a zmq4j socket and a python
     * peer, checking every message on the receiving side. With {@code connectFirst} the connecting
     * side starts first and, if it is the sender, queues its first {@link #EARLY} messages before
     * the binding side exists.
     *
     * @return the python peer's OK line
     */
    static String stream(Context ctx, SocketType sender, SocketType receiver, Roles roles, String kind, int n,
                         boolean connectFirst) {
        return stream(ctx, sender, receiver, roles, kind, n, connectFirst, ANY);
    }

    /** As {@link #stream(Context, SocketType, SocketType, Roles, String, int, boolean)}, binding to {@code any}. */
    static String stream(Context ctx, SocketType sender, SocketType receiver, Roles roles, String kind, int n,
                         boolean connectFirst, String any) {
        return stream(ctx, sender, receiver, roles, kind, n, connectFirst, any, Security.NONE);
    }

    /** As {@link #stream(Context, SocketType, SocketType, Roles, String, int, boolean, String)}, secured by {@code security}. */
    static String stream(Context ctx, SocketType sender, SocketType receiver, Roles roles, String kind, int n,
                         boolean connectFirst, String any, Security security) {
        boolean out = roles.zmq4jSends();
        int early = connectFirst ? Math.min(EARLY, n) : 0;
        boolean pythonQueuesEarly = early > 0 && roles.zmq4jBinds() && !out;
        boolean zmq4jQueuesEarly = early > 0 && !roles.zmq4jBinds() && out;
        String script = security.script((out ? "recv " : "send ") + kind + " " + n + (pythonQueuesEarly ? " --mark " + early : ""));
        try (Socket s = security.apply(socket(ctx, out ? sender : receiver));
             PythonPeer peer = start(s, roles, connectFirst, out ? receiver : sender, script,
                     pythonQueuesEarly ? "MARK" : "READY", () -> {
                         for (int i = 0; i < (zmq4jQueuesEarly ? early : 0); i++) {
                             if (!s.trySend(message(kind, i))) {
                                 fail("zmq4j " + s.type() + " did not queue message " + i + " before its peer existed");
                             }
                         }
                     }, any)) {
            if (out) {
                for (int i = zmq4jQueuesEarly ? early : 0; i < n; i++) {
                    send(s, message(kind, i), peer);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    expect(s, peer, message(kind, i), i);
                }
            }
            return peer.awaitSuccess(FINISH);
        }
    }

    /**
     * A python {@code pythonType} peer connects to a bound zmq4j {@code zmq4jType} socket, sends
     * {@code n} messages, flushes them all (LINGER -1) and exits, all before zmq4j receives the
     * first one; zmq4j must then deliver every message, in order, as libzmq does: a peer that
     * closed its connection cleanly loses nothing it had sent.
     */
    static void receiveAfterPeerExited(Context ctx, SocketType zmq4jType, SocketType pythonType, int n) {
        try (Socket s = socket(ctx, zmq4jType);
             PythonPeer peer = PythonPeer.connect(pythonType.name(), s.bind(ANY), "send seq " + n + " --linger -1")) {
            peer.awaitSuccess(FINISH);
            for (int i = 0; i < n; i++) {
                expect(s, peer, message(SEQ, i), i);
            }
        }
    }

    /**
     * Makes {@code n} request-reply round trips between zmq4j and a python peer, the REP echoing
     * each request; the REQ checks each reply and the REP each request. With {@code connectFirst}
     * the connecting side starts first, and a zmq4j REQ queues its first request before the REP
     * exists.
     *
     * @return the python peer's OK line
     */
    static String exchange(Context ctx, Roles roles, String kind, int n, boolean connectFirst) {
        return exchange(ctx, roles, kind, n, connectFirst, ANY);
    }

    /** As {@link #exchange(Context, Roles, String, int, boolean)}, binding to {@code any}. */
    static String exchange(Context ctx, Roles roles, String kind, int n, boolean connectFirst, String any) {
        return exchange(ctx, roles, kind, n, connectFirst, any, Security.NONE);
    }

    /** As {@link #exchange(Context, Roles, String, int, boolean, String)}, secured by {@code security}. */
    static String exchange(Context ctx, Roles roles, String kind, int n, boolean connectFirst, String any, Security security) {
        boolean zmq4jIsReq = roles.zmq4jSends();
        boolean zmq4jQueuesEarly = connectFirst && !roles.zmq4jBinds() && zmq4jIsReq;
        String script = security.script((zmq4jIsReq ? "echo " : "req ") + kind + " " + n);
        try (Socket s = security.apply(socket(ctx, zmq4jIsReq ? SocketType.REQ : SocketType.REP));
             PythonPeer peer = start(s, roles, connectFirst, zmq4jIsReq ? SocketType.REP : SocketType.REQ, script,
                     "READY", () -> {
                         if (zmq4jQueuesEarly && !s.trySend(message(kind, 0))) {
                             fail("zmq4j REQ did not queue its first request before the REP existed");
                         }
                     }, any)) {
            for (int i = 0; i < n; i++) {
                Message m = message(kind, i);
                if (zmq4jIsReq) {
                    if (i > 0 || !zmq4jQueuesEarly) {
                        send(s, m, peer);
                    }
                    expect(s, peer, m, i);
                } else {
                    send(s, expect(s, peer, m, i), peer);
                }
            }
            return peer.awaitSuccess(FINISH);
        }
    }

    /**
     * zmq4j binds a {@code zmq4jType} socket; a python {@code pythonType} peer connects and sends
     * without end, and is killed after zmq4j has received 1,000 messages; a second python peer
     * connects and sends 1,000 more. zmq4j must receive all of the second peer's messages in
     * order, with nothing done by the application; what was in flight from the first peer may
     * arrive before or among them, but only in order.
     */
    static void receiveAcrossPeerRestart(Context ctx, SocketType zmq4jType, SocketType pythonType) {
        int n = 1000;
        try (Socket s = socket(ctx, zmq4jType)) {
            String endpoint = s.bind(ANY);
            try (PythonPeer first = PythonPeer.connect(pythonType.name(), endpoint, "send seq 1000000000 --prefix A:")) {
                for (int i = 0; i < n; i++) {
                    expect(s, first, message(SEQ, i, "A:"), i);
                }
                first.kill();
            }
            try (PythonPeer second = PythonPeer.connect(pythonType.name(), endpoint, "send seq " + n + " --prefix B:")) {
                int nextA = n;
                int nextB = 0;
                while (nextB < n) {
                    Message m = receive(s, second, "B:" + nextB);
                    String text = m.size() == 1 ? m.frame(0).toUtf8() : abbreviate(m);
                    if (text.equals("A:" + nextA)) {
                        nextA++;
                    } else if (text.equals("B:" + nextB)) {
                        nextB++;
                    } else {
                        fail("zmq4j " + s.type() + " received " + text + " (expected: B:" + nextB + ", or A:" + nextA
                                + " from the killed peer); " + second.describe());
                    }
                }
                second.awaitSuccess(FINISH);
            }
        }
    }

    /**
     * A python {@code pythonType} peer binds and receives; a zmq4j {@code zmq4jType} socket
     * connects and sends; the peer is killed while it is still reading, and a second python peer
     * binds the same port. zmq4j must reconnect by itself, and the second peer must receive every
     * message sent after it is up, in order (it skips what was in flight for the first one).
     *
     * @return the second peer's OK line
     */
    static String sendAcrossPeerRestart(Context ctx, SocketType zmq4jType, SocketType pythonType) {
        int n = 2000;
        try (Socket s = socket(ctx, zmq4jType)) {
            String endpoint;
            try (PythonPeer first = PythonPeer.bind(pythonType.name(), ANY, "recv seq 1000000000 --prefix A: --mark 500")) {
                endpoint = first.endpoint();
                s.connect(endpoint);
                for (int i = 0; i < 1000; i++) {
                    send(s, message(SEQ, i, "A:"), first);
                }
                first.awaitLine("MARK", STEP);
                first.kill();
            }
            try (PythonPeer second = PythonPeer.bind(pythonType.name(), endpoint, "recv seq " + n + " --prefix B:")) {
                second.awaitReady();
                for (int i = 0; i < n; i++) {
                    send(s, message(SEQ, i, "B:"), second);
                }
                return second.awaitSuccess(FINISH);
            }
        }
    }
}
