package dev.zmq4j.interop;

import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import java.util.function.Consumer;

/**
 * The security of one interop connection, both sides: the mechanism options to set on the zmq4j
 * socket (before its bind or connect) and the matching {@code peer.py} options for the python
 * peer. Which side binds is independent of which side is the server. Immutable.
 *
 * @param zmq4j  sets the zmq4j socket's options
 * @param peer   {@code peer.py} options, appended to the peer's script
 * @param name   for test reports
 */
record Security(Consumer<Socket> zmq4j, String peer, String name) {
    /** NULL on both sides. */
    static final Security NONE = new Security(s -> { }, "", "NULL");

    /** zmq4j is the CURVE server with {@code server}'s keys; the peer a client with {@code client}'s. */
    static Security zmq4jCurveServer(CurveKeys server, CurveKeys client) {
        return new Security(s -> curveServer(s, server),
                "--curve-client " + client.publicKey() + " " + client.secretKey() + " " + server.publicKey(),
                "zmq4j CURVE server");
    }

    /** The peer is the CURVE server with {@code server}'s keys; zmq4j a client with {@code client}'s. */
    static Security libzmqCurveServer(CurveKeys server, CurveKeys client) {
        return new Security(s -> curveClient(s, client, server.publicKey()),
                "--curve-server-secret " + server.secretKey(), "libzmq CURVE server");
    }

    /**
     * zmq4j is the PLAIN server (its context needs a ZAP handler to accept anyone); the peer a client
     * with this user name and password.
     */
    static Security zmq4jPlainServer(String user, String password) {
        return new Security(s -> s.set(Option.PLAIN_SERVER, true), "--plain-client " + user + " " + password,
                "zmq4j PLAIN server");
    }

    /**
     * The peer is the PLAIN server, its ZAP handler (pyzmq's ThreadAuthenticator) knowing only
     * {@code user} with {@code password}; zmq4j a client with the same credentials.
     */
    static Security libzmqPlainServer(String user, String password) {
        return new Security(s -> plainClient(s, user, password),
                "--plain-server --zap-user " + user + ":" + password, "libzmq PLAIN server");
    }

    /** As libzmq's documentation says, a CURVE server needs its secret key only. */
    static void curveServer(Socket s, CurveKeys keys) {
        s.set(Option.CURVE_SERVER, true);
        s.set(Option.CURVE_SECRETKEY, keys.secretOption());
    }

    /** A CURVE client with {@code keys} that trusts the server key {@code serverPublicKey} (Z85). */
    static void curveClient(Socket s, CurveKeys keys, String serverPublicKey) {
        s.set(Option.CURVE_PUBLICKEY, keys.publicOption());
        s.set(Option.CURVE_SECRETKEY, keys.secretOption());
        s.set(Option.CURVE_SERVERKEY, serverPublicKey.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A PLAIN client with this user name and password. */
    static void plainClient(Socket s, String user, String password) {
        s.set(Option.PLAIN_USERNAME, user);
        s.set(Option.PLAIN_PASSWORD, password);
    }

    /** Applies the zmq4j side to {@code s} and returns it. */
    Socket apply(Socket s) {
        zmq4j.accept(s);
        return s;
    }

    /** {@code script} with the peer's options appended. */
    String script(String script) {
        return peer.isEmpty() ? script : script + " " + peer;
    }

    @Override
    public String toString() {
        return name;
    }
}
