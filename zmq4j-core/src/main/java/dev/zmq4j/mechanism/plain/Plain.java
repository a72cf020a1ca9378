package dev.zmq4j.mechanism.plain;

import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Zap;
import dev.zmq4j.zmtp.ZapGate;

/** The factories of the PLAIN mechanism's two roles. */
public final class Plain {
    /** The mechanism name in the greeting. */
    public static final String NAME = "PLAIN";

    private Plain() {
    }

    /** A PLAIN client that presents {@code user} and {@code password} (each at most 255 bytes of UTF-8). */
    public static MechanismFactory client(String user, String password) {
        return c -> new PlainClient(c.local(), user, password);
    }

    /**
     * A PLAIN server that asks {@code zap} about each client (accepting every client if no ZAP
     * handler is installed, as libzmq does).
     *
     * @param zap       the ZAP client, or {@code null} for none
     * @param domain    ZAP_DOMAIN
     * @param routingId our socket's routing id, sent as the request's identity
     */
    public static MechanismFactory server(Zap zap, String domain, byte[] routingId) {
        return c -> new PlainServer(c.local(), new ZapGate(zap, domain, routingId, c.peerAddress(), c.wake()));
    }
}
