package dev.zmq4j;

import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The options of one socket: their values (set or default), the check that an option applies to
 * the socket's type, the timeouts in the form the blocking calls use, and the snapshot transports
 * take when they set up a connection. Thread-safe.
 */
final class SocketOptions {
    private final SocketDescriptor descriptor;
    private final Map<Option<?>, Object> values = new ConcurrentHashMap<>();
    private volatile long sendTimeoutNanos = -1;
    private volatile long receiveTimeoutNanos = -1;
    /** The mechanism the options select. */
    private final MechanismOptions mechanisms;
    /** A mechanism set through the test seam instead of the options, or {@code null}. */
    private volatile MechanismFactory mechanism;

    SocketOptions(SocketDescriptor descriptor, Supplier<Zap> zap) {
        this.descriptor = descriptor;
        this.mechanisms = new MechanismOptions(zap);
    }

    /**
     * Validates and stores a value.
     *
     * @return the value as stored (arrays and maps copied)
     * @throws IllegalArgumentException if the value is out of range, or the option does not apply
     *                                  to this socket type
     */
    <T> T set(Option<T> option, T value) {
        if (option.isTypeSpecific() && !descriptor.takes(option.name())) {
            throw new IllegalArgumentException(option.name() + ": not an option of " + descriptor.name()
                    + " sockets (expected: one of the common options" + (descriptor.typeOptions().isEmpty() ? ""
                    : " or " + descriptor.typeOptions().stream().sorted().toList()) + ")");
        }
        T valid = option.validate(value);
        values.put(option, valid);
        mechanisms.onSet(option, valid);
        sendTimeoutNanos = nanos(get(Option.SNDTIMEO));
        receiveTimeoutNanos = nanos(get(Option.RCVTIMEO));
        return valid;
    }

    /** The value set, or the default. */
    <T> T get(Option<T> option) {
        if (option == Option.MECHANISM) {
            return option.type().cast(mechanism != null ? "test" : mechanisms.name());
        }
        Object v = values.get(option);
        T value = v == null ? option.defaultValue() : option.type().cast(v);
        return value instanceof byte[] b ? option.type().cast(b.clone()) : value;
    }

    /** CONNECT_ROUTING_ID, which applies to the next connect only: taken out, empty if unset. */
    byte[] takeConnectRoutingId() {
        Object v = values.remove(Option.CONNECT_ROUTING_ID);
        return v == null ? new byte[0] : (byte[]) v;
    }

    /** Selects the security mechanism of connections made from now on, whatever the options say (tests). */
    void mechanism(MechanismFactory factory) {
        this.mechanism = factory;
    }

    long sendTimeoutNanos() {
        return sendTimeoutNanos;
    }

    long receiveTimeoutNanos() {
        return receiveTimeoutNanos;
    }

    /** What our READY carries: Socket-Type, Identity where the type sends one, METADATA. */
    Metadata localMetadata() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(Metadata.SOCKET_TYPE, descriptor.name().getBytes(StandardCharsets.US_ASCII));
        if (descriptor.profile().sendsIdentity()) {
            m.put(Metadata.IDENTITY, get(Option.ROUTING_ID));
        }
        get(Option.METADATA).forEach((k, v) -> m.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return Metadata.of(m);
    }

    /**
     * The options as a transport uses them, now.
     *
     * @param socketName the socket, as logs name it
     * @throws IllegalStateException if the mechanism options are incomplete (a CURVE key missing)
     */
    ConnectionOptions connectionOptions(String socketName) {
        MechanismFactory m = mechanism != null ? mechanism : mechanisms.factory(this, socketName);
        Duration heartbeatTimeout = get(Option.HEARTBEAT_TIMEOUT);
        long heartbeatIvl = get(Option.HEARTBEAT_IVL).toMillis();
        Duration reconnectIvl = get(Option.RECONNECT_IVL);
        return new ConnectionOptions(get(Option.SNDHWM), get(Option.RCVHWM), get(Option.CONFLATE), get(Option.MAXMSGSIZE),
                get(Option.ROUTING_ID), localMetadata(),
                reconnectIvl.isNegative() ? -1 : reconnectIvl.toMillis(), get(Option.RECONNECT_IVL_MAX).toMillis(),
                heartbeatIvl, get(Option.HEARTBEAT_TTL).toMillis(),
                heartbeatTimeout.isNegative() ? heartbeatIvl : heartbeatTimeout.toMillis(),
                get(Option.HANDSHAKE_IVL).toMillis(), get(Option.IMMEDIATE),
                get(Option.TCP_KEEPALIVE), get(Option.TCP_KEEPALIVE_IDLE), get(Option.TCP_KEEPALIVE_CNT), get(Option.TCP_KEEPALIVE_INTVL),
                (int) get(Option.CONNECT_TIMEOUT).toMillis(), get(Option.BACKLOG), get(Option.SNDBUF), get(Option.RCVBUF),
                get(Option.TOS), get(Option.IPV6), get(Option.MAX_HANDSHAKES), m);
    }

    static long nanos(Duration d) {
        return d.isNegative() ? -1 : d.toNanos();
    }
}
