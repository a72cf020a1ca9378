package dev.zmq4j.mechanism.curve;

import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Zap;
import dev.zmq4j.zmtp.ZapGate;
import java.util.Arrays;

/**
 * The CURVE security mechanism (rfc 26 CurveZMQ over rfc 37 ZMTP 3.1): the factories a socket
 * uses for its connections, one for each role. A client knows the server's permanent public key
 * and so authenticates the server; a server may authenticate clients by their permanent public
 * keys through a ZAP handler. Every frame after the handshake is encrypted and authenticated.
 *
 * <p>The factories copy the keys they are given and are thread-safe; each connection gets its own
 * mechanism, with fresh transient keys. Secret keys never appear in a {@code toString} or an
 * exception message.
 */
public final class Curve {
    /** The mechanism name in the greeting. */
    public static final String NAME = "CURVE";
    /**
     * The property a CURVE server attaches to a client's messages (with the ZAP handler's
     * metadata): the client's permanent public key, in Z85.
     */
    public static final String PUBLIC_KEY_PROPERTY = "Curve-Public-Key";

    private Curve() {
    }

    /**
     * Connections as a CURVE client.
     *
     * @param publicKey our permanent public key (32 bytes)
     * @param secretKey its secret key (32 bytes)
     * @param serverKey the server's permanent public key (32 bytes)
     * @throws IllegalArgumentException if a key is not 32 bytes, {@code publicKey} is not the
     *                                  public key of {@code secretKey}, or {@code serverKey} is a
     *                                  low-order point (no key could be agreed with it)
     */
    public static MechanismFactory client(byte[] publicKey, byte[] secretKey, byte[] serverKey) {
        CurveKeys.check("publicKey", publicKey);
        CurveKeys.check("secretKey", secretKey);
        CurveKeys.check("serverKey", serverKey);
        byte[] pub = publicKey.clone();
        byte[] secret = secretKey.clone();
        byte[] server = serverKey.clone();
        if (!Arrays.equals(CurveKeys.publicKey(secret), pub)) {
            throw new IllegalArgumentException("publicKey: not the public key of secretKey (expected: the key pair's)");
        }
        byte[] probe = CurveKeys.boxKey(server, secret);
        if (probe == null) {
            throw new IllegalArgumentException("serverKey: a low-order point (expected: a server's public key)");
        }
        Arrays.fill(probe, (byte) 0);
        return new MechanismFactory() {
            @Override
            public CurveClient create(Connection c) {
                return new CurveClient(pub, secret, server, c.local());
            }

            @Override
            public String toString() {
                return "Curve.client(server=" + dev.zmq4j.security.Z85.encode(server) + ")";
            }
        };
    }

    /**
     * Connections as a CURVE server.
     *
     * @param secretKey our permanent secret key (32 bytes); the public key is derived from it
     * @param zap       the ZAP handler's client, or {@code null} if none is installed (every
     *                  client with a valid handshake is accepted)
     * @param domain    the ZAP domain (ZAP_DOMAIN; {@code null} is empty)
     * @param routingId our socket's routing id, sent in ZAP requests ({@code null} is empty)
     * @throws IllegalArgumentException if {@code secretKey} is not 32 bytes
     */
    public static MechanismFactory server(byte[] secretKey, Zap zap, String domain, byte[] routingId) {
        CurveKeys.check("secretKey", secretKey);
        byte[] secret = secretKey.clone();
        byte[] pub = CurveKeys.publicKey(secret);
        String zapDomain = domain == null ? "" : domain;
        byte[] identity = routingId == null ? new byte[0] : routingId.clone();
        return new MechanismFactory() {
            @Override
            public CurveServer create(Connection c) {
                ZapGate gate = new ZapGate(zap, zapDomain, identity.clone(), c.peerAddress(), c.wake());
                return new CurveServer(pub, secret, c.local(), gate);
            }

            @Override
            public String toString() {
                return "Curve.server(public=" + dev.zmq4j.security.Z85.encode(pub) + ")";
            }
        };
    }
}
