package dev.zmq4j.mechanism.curve;

import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Zap;

/** Placeholder until the CURVE mechanism lands: the factories of CURVE's two roles. */
public final class Curve {
    /** The mechanism name in the greeting. */
    public static final String NAME = "CURVE";

    private Curve() {
    }

    /** A CURVE client. */
    public static MechanismFactory client(byte[] publicKey, byte[] secretKey, byte[] serverKey) {
        throw new UnsupportedOperationException("CURVE: not yet");
    }

    /** A CURVE server. */
    public static MechanismFactory server(byte[] secretKey, Zap zap, String domain, byte[] routingId) {
        throw new UnsupportedOperationException("CURVE: not yet");
    }
}
