package dev.zmq4j;

import dev.zmq4j.mechanism.curve.Curve;
import dev.zmq4j.mechanism.plain.Plain;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.NullMechanism;
import dev.zmq4j.zmtp.Zap;
import dev.zmq4j.zmtp.ZapGate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which security mechanism a socket's options select, by libzmq's rules (the last mechanism
 * option set decides: PLAIN_SERVER, PLAIN_USERNAME/PASSWORD, CURVE_SERVER, CURVE_SERVERKEY and
 * the CURVE keys), and the {@link MechanismFactory} that makes it for each connection, asking the
 * context's ZAP handler where the mechanism does. Thread-safe.
 */
final class MechanismOptions {
    private static final Logger LOG = LoggerFactory.getLogger(MechanismOptions.class);

    private enum Kind { NULL, PLAIN, CURVE }

    private final Supplier<Zap> zap;
    private final AtomicBoolean warnedNoHandler = new AtomicBoolean();
    private volatile Kind kind = Kind.NULL;
    private volatile boolean asServer;

    /** @param zap the context's ZAP client, made on first use */
    MechanismOptions(Supplier<Zap> zap) {
        this.zap = zap;
    }

    /** An option was set to {@code value}: the mechanism it selects, if it is a mechanism option. */
    void onSet(Option<?> option, Object value) {
        switch (option.name()) {
            case "PLAIN_SERVER" -> select((Boolean) value ? Kind.PLAIN : Kind.NULL, (Boolean) value);
            case "PLAIN_USERNAME", "PLAIN_PASSWORD" -> select(((String) value).isEmpty() ? Kind.NULL : Kind.PLAIN, false);
            case "CURVE_SERVER" -> select((Boolean) value ? Kind.CURVE : Kind.NULL, (Boolean) value);
            case "CURVE_SERVERKEY" -> select(Kind.CURVE, false);
            case "CURVE_PUBLICKEY", "CURVE_SECRETKEY" -> select(Kind.CURVE, asServer);
            default -> {
            }
        }
    }

    private synchronized void select(Kind k, boolean server) {
        kind = k;
        asServer = server;
    }

    /** The mechanism's name: NULL, PLAIN or CURVE (the MECHANISM option). */
    String name() {
        return kind.name();
    }

    /**
     * The factory for connections made now.
     *
     * @throws IllegalStateException if CURVE lacks a key it needs
     */
    MechanismFactory factory(SocketOptions o, String socketName) {
        String domain = o.get(Option.ZAP_DOMAIN);
        byte[] routingId = o.get(Option.ROUTING_ID);
        Zap z = new WarnOnce(zap, warnedNoHandler, socketName, kind.name());
        return switch (kind) {
            case NULL -> domain.isEmpty() ? MechanismFactory.NULL
                    : c -> new NullMechanism(c.local(), new ZapGate(z, domain, routingId, c.peerAddress(), c.wake()));
            case PLAIN -> asServer ? Plain.server(z, domain, routingId)
                    : Plain.client(o.get(Option.PLAIN_USERNAME), o.get(Option.PLAIN_PASSWORD));
            case CURVE -> asServer ? Curve.server(key(o, Option.CURVE_SECRETKEY, "CURVE_SERVER"), z, domain, routingId)
                    : Curve.client(key(o, Option.CURVE_PUBLICKEY, "a CURVE client"), key(o, Option.CURVE_SECRETKEY, "a CURVE client"),
                            key(o, Option.CURVE_SERVERKEY, "a CURVE client"));
        };
    }

    private static byte[] key(SocketOptions o, Option<byte[]> option, String who) {
        byte[] k = o.get(option);
        if (k.length != 32) {
            throw new IllegalStateException(option.name() + ": not set (expected: a key, which " + who + " needs)");
        }
        return k;
    }

    /**
     * The context's ZAP client, saying at WARN, once per socket, that with no handler installed
     * every peer is accepted (as libzmq does).
     */
    private record WarnOnce(Supplier<Zap> zap, AtomicBoolean warned, String socketName, String mechanism) implements Zap {
        @Override
        public boolean authenticate(Request request, java.util.function.Consumer<Reply> reply) {
            boolean asked = zap.get().authenticate(request, reply);
            if (!asked && warned.compareAndSet(false, true)) {
                LOG.warn("{}: {} with no ZAP handler on inproc://{}: every peer is accepted (install an Authenticator"
                        + " or bind a ZAP handler to check them)", socketName, mechanism, ZapClient.NAME);
            }
            return asked;
        }
    }
}
