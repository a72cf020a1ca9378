package dev.zmq4j;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A typed socket option with libzmq's name and default. Values are validated when set.
 *
 * <p>Durations follow libzmq's millisecond options: {@link #FOREVER} (any negative duration) means
 * infinite, {@link Duration#ZERO} means "do not wait".
 *
 * @param <T> the value type
 */
public final class Option<T> {
    /** A negative duration: wait forever (libzmq's -1). */
    public static final Duration FOREVER = Duration.ofMillis(-1);

    /** ZMQ_SNDHWM: the most messages queued per peer for sending; 0 = no limit. Default 1000. */
    public static final Option<Integer> SNDHWM = new Option<>("SNDHWM", Integer.class, 1000, v -> v >= 0, ">= 0");
    /** ZMQ_RCVHWM: the most messages queued per peer on receipt; 0 = no limit. Default 1000. */
    public static final Option<Integer> RCVHWM = new Option<>("RCVHWM", Integer.class, 1000, v -> v >= 0, ">= 0");
    /**
     * ZMQ_LINGER: how long {@link Socket#close()} waits for queued messages to be sent. Default 30 s
     * (libzmq waits forever; zmq4j bounds it so that closing never hangs by default).
     */
    public static final Option<Duration> LINGER = new Option<>("LINGER", Duration.class, Duration.ofSeconds(30), v -> true, "any duration");
    /** ZMQ_RCVTIMEO: how long a blocking receive waits. Default {@link #FOREVER}. */
    public static final Option<Duration> RCVTIMEO = new Option<>("RCVTIMEO", Duration.class, FOREVER, v -> true, "any duration");
    /** ZMQ_SNDTIMEO: how long a blocking send waits. Default {@link #FOREVER}. */
    public static final Option<Duration> SNDTIMEO = new Option<>("SNDTIMEO", Duration.class, FOREVER, v -> true, "any duration");
    /** ZMQ_RECONNECT_IVL: the first delay before reconnecting; negative = never reconnect. Default 100 ms. */
    public static final Option<Duration> RECONNECT_IVL = new Option<>("RECONNECT_IVL", Duration.class, Duration.ofMillis(100), v -> true, "any duration");
    /** ZMQ_RECONNECT_IVL_MAX: the cap of exponential back-off; zero = no back-off. Default 0. */
    public static final Option<Duration> RECONNECT_IVL_MAX = new Option<>("RECONNECT_IVL_MAX", Duration.class, Duration.ZERO, v -> !v.isNegative(), ">= 0");
    /** ZMQ_MAXMSGSIZE: the largest inbound frame in bytes; -1 = no limit. Default -1. */
    public static final Option<Long> MAXMSGSIZE = new Option<>("MAXMSGSIZE", Long.class, -1L, v -> v >= -1, ">= -1");
    /** ZMQ_ROUTING_ID (formerly IDENTITY): 1 to 255 bytes, not starting with a zero byte. Default empty. */
    public static final Option<byte[]> ROUTING_ID = new Option<>("ROUTING_ID", byte[].class, new byte[0],
            v -> v.length <= 255 && (v.length == 0 || v[0] != 0), "0..255 bytes, first byte not 0");
    /** ZMQ_TCP_KEEPALIVE: -1 = OS default, 0 = off, 1 = on. Default -1. */
    public static final Option<Integer> TCP_KEEPALIVE = new Option<>("TCP_KEEPALIVE", Integer.class, -1, v -> v >= -1 && v <= 1, "-1, 0 or 1");
    /** ZMQ_TCP_KEEPALIVE_IDLE: seconds idle before probes; -1 = OS default. */
    public static final Option<Integer> TCP_KEEPALIVE_IDLE = new Option<>("TCP_KEEPALIVE_IDLE", Integer.class, -1, v -> v == -1 || v > 0, "-1 or > 0");
    /** ZMQ_TCP_KEEPALIVE_CNT: probes before the connection is dropped; -1 = OS default. */
    public static final Option<Integer> TCP_KEEPALIVE_CNT = new Option<>("TCP_KEEPALIVE_CNT", Integer.class, -1, v -> v == -1 || v > 0, "-1 or > 0");
    /** ZMQ_TCP_KEEPALIVE_INTVL: seconds between probes; -1 = OS default. */
    public static final Option<Integer> TCP_KEEPALIVE_INTVL = new Option<>("TCP_KEEPALIVE_INTVL", Integer.class, -1, v -> v == -1 || v > 0, "-1 or > 0");

    /**
     * ZMQ_ROUTER_MANDATORY (ROUTER): a message to an unknown routing id fails with
     * {@link ZmqException.HostUnreachableException} instead of being dropped, and a message to a
     * peer at SNDHWM waits (or fails as "would block") instead of being dropped. Default false.
     */
    public static final Option<Boolean> ROUTER_MANDATORY = typeSpecific("ROUTER_MANDATORY", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_ROUTER_HANDOVER (ROUTER): a peer that connects with a routing id already in use takes it
     * over (the older peer loses it) instead of being refused. Default false.
     */
    public static final Option<Boolean> ROUTER_HANDOVER = typeSpecific("ROUTER_HANDOVER", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_CONNECT_ROUTING_ID (ROUTER): the routing id this socket gives the peer of its next
     * {@link Socket#connect} (used once, then cleared), instead of the peer's own. Default empty.
     */
    public static final Option<byte[]> CONNECT_ROUTING_ID = typeSpecific("CONNECT_ROUTING_ID", byte[].class, new byte[0],
            v -> v.length <= 255 && (v.length == 0 || v[0] != 0), "0..255 bytes, first byte not 0");
    /** ZMQ_SUBSCRIBE (SUB, XPUB with XPUB_MANUAL): adds a subscription, a topic prefix; empty = everything. */
    public static final Option<byte[]> SUBSCRIBE = typeSpecific("SUBSCRIBE", byte[].class, new byte[0], v -> true, "any bytes");
    /** ZMQ_UNSUBSCRIBE (SUB, XPUB with XPUB_MANUAL): removes one subscription added before. */
    public static final Option<byte[]> UNSUBSCRIBE = typeSpecific("UNSUBSCRIBE", byte[].class, new byte[0], v -> true, "any bytes");
    /** ZMQ_XPUB_VERBOSE (XPUB): pass every subscribe message on, not only a topic's first. Default false. */
    public static final Option<Boolean> XPUB_VERBOSE = typeSpecific("XPUB_VERBOSE", Boolean.class, false, v -> true, "true or false");
    /** ZMQ_XPUB_VERBOSER (XPUB): pass every subscribe and cancel message on. Default false. */
    public static final Option<Boolean> XPUB_VERBOSER = typeSpecific("XPUB_VERBOSER", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_XPUB_MANUAL (XPUB): subscriptions are not applied; the application applies them with
     * {@link #SUBSCRIBE}/{@link #UNSUBSCRIBE} for the peer that sent the last one. Default false.
     */
    public static final Option<Boolean> XPUB_MANUAL = typeSpecific("XPUB_MANUAL", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_XPUB_NODROP (PUB, XPUB): a message that a matching subscriber at SNDHWM cannot take is
     * not dropped: the send "would block" ({@code trySend} returns {@code false}, a blocking send
     * waits as SNDTIMEO says) until every matching subscriber has room, and then goes to all of
     * them. With it the socket is WRITABLE for a poller unless a send was refused and one of the
     * subscribers it was refused for is still full (libzmq reports a PUB/XPUB as always writable).
     * Default false (drop).
     */
    public static final Option<Boolean> XPUB_NODROP = typeSpecific("XPUB_NODROP", Boolean.class, false, v -> true, "true or false");
    /** ZMQ_XPUB_WELCOME_MSG (XPUB): a message sent to each new subscriber; empty = none. */
    public static final Option<byte[]> XPUB_WELCOME_MSG = typeSpecific("XPUB_WELCOME_MSG", byte[].class, new byte[0], v -> true, "any bytes");
    /**
     * ZMQ_HEARTBEAT_IVL: send a ZMTP PING to each peer this often once its handshake is done;
     * zero = no heartbeats. Default 0.
     */
    public static final Option<Duration> HEARTBEAT_IVL = new Option<>("HEARTBEAT_IVL", Duration.class, Duration.ZERO, v -> !v.isNegative(), ">= 0");
    /**
     * ZMQ_HEARTBEAT_TTL: the time-to-live carried in our PINGs, telling the peer to close the
     * connection if it hears nothing from us for that long; sent in deciseconds (rounded down),
     * at most 6553.5 s; zero = none. Default 0.
     */
    public static final Option<Duration> HEARTBEAT_TTL = new Option<>("HEARTBEAT_TTL", Duration.class, Duration.ZERO,
            v -> !v.isNegative() && v.toMillis() <= 6_553_500, "0..6553.5 s");
    /**
     * ZMQ_HEARTBEAT_TIMEOUT: how long after sending a PING to wait for any traffic from the peer
     * before closing the connection; negative = the same as {@link #HEARTBEAT_IVL} (libzmq's -1).
     * Default negative.
     */
    public static final Option<Duration> HEARTBEAT_TIMEOUT = new Option<>("HEARTBEAT_TIMEOUT", Duration.class, FOREVER, v -> true, "any duration");

    /**
     * ZMQ_IMMEDIATE: a connecting socket queues messages only to peers whose connection is
     * complete; until then (and after it drops) it has no pipe for that endpoint, so senders block
     * or go to other peers. Default false (libzmq's 0).
     */
    public static final Option<Boolean> IMMEDIATE = new Option<>("IMMEDIATE", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_CONFLATE: keep only the last message in each pipe, inbound and outbound (for
     * single-frame messages, as libzmq; a newer message replaces an unread one). Applies to pipes
     * made after it is set. Default false.
     */
    public static final Option<Boolean> CONFLATE = typeSpecific("CONFLATE", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_REQ_RELAXED (REQ): a new request may be sent before the reply to the previous one; that
     * reply is then discarded. Default false.
     */
    public static final Option<Boolean> REQ_RELAXED = typeSpecific("REQ_RELAXED", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_REQ_CORRELATE (REQ): each request carries a request id frame before the delimiter, and
     * only the reply carrying the last request's id is accepted. Default false.
     */
    public static final Option<Boolean> REQ_CORRELATE = typeSpecific("REQ_CORRELATE", Boolean.class, false, v -> true, "true or false");

    /**
     * ZMQ_HANDSHAKE_IVL: how long a new connection may take to complete its ZMTP handshake; a peer
     * that has not completed it in time is disconnected (monitor: HANDSHAKE_FAILED_NO_DETAIL).
     * Zero = no limit. Default 30 s.
     */
    public static final Option<Duration> HANDSHAKE_IVL = new Option<>("HANDSHAKE_IVL", Duration.class, Duration.ofSeconds(30),
            v -> !v.isNegative(), ">= 0");
    /**
     * ZMQ_CONNECT_TIMEOUT: how long a tcp connect may take before it fails (and is retried after
     * RECONNECT_IVL); zero = the system's own limit. Default 0 (libzmq's).
     */
    public static final Option<Duration> CONNECT_TIMEOUT = new Option<>("CONNECT_TIMEOUT", Duration.class, Duration.ZERO,
            v -> !v.isNegative() && v.toMillis() <= Integer.MAX_VALUE, "0..2^31-1 ms");
    /** ZMQ_BACKLOG: the listen backlog of tcp and ipc binds (pending connections). Default 1024 (libzmq: 100; a burst of thousands of connects is refused less often). */
    public static final Option<Integer> BACKLOG = new Option<>("BACKLOG", Integer.class, 1024, v -> v > 0, "> 0");
    /**
     * zmq4j's own (libzmq has no such option): the most connections that a tcp or ipc endpoint this
     * socket binds holds in their handshake at once. While that many are, the endpoint accepts no
     * more: new connections wait in the listen backlog ({@link #BACKLOG}) until one of them
     * completes its handshake or fails. A burst of hostile or slow connections then costs the
     * endpoint's I/O thread at most this many handshakes at a time, so its established peers keep
     * their latency. The other side of it: peers that stall in their handshake hold places until
     * HANDSHAKE_IVL ends them, so as many stalled connections keep new peers waiting that long (set
     * a short HANDSHAKE_IVL with it). Read at bind. 0 = no limit (the default, as libzmq).
     */
    public static final Option<Integer> MAX_HANDSHAKES = new Option<>("MAX_HANDSHAKES", Integer.class, 0, v -> v >= 0, ">= 0");
    /** ZMQ_SNDBUF: the kernel send buffer of tcp and ipc connections in bytes; -1 = the OS default. Default -1. */
    public static final Option<Integer> SNDBUF = new Option<>("SNDBUF", Integer.class, -1, v -> v == -1 || v > 0, "-1 or > 0");
    /** ZMQ_RCVBUF: the kernel receive buffer of tcp and ipc connections in bytes; -1 = the OS default. Default -1. */
    public static final Option<Integer> RCVBUF = new Option<>("RCVBUF", Integer.class, -1, v -> v == -1 || v > 0, "-1 or > 0");
    /** ZMQ_TOS: the IP type-of-service (DSCP/ECN) byte of tcp connections; 0 = none. Default 0. */
    public static final Option<Integer> TOS = new Option<>("TOS", Integer.class, 0, v -> v >= 0 && v <= 255, "0..255");
    /**
     * ZMQ_IPV6: tcp binds to {@code *} listen on IPv6 and IPv4 (dual stack) and host names resolve
     * to IPv6 addresses too; off = IPv4 only, as libzmq. Default false.
     */
    public static final Option<Boolean> IPV6 = new Option<>("IPV6", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_METADATA: application properties sent to every peer in the handshake (READY), readable
     * there as message properties ({@link Message#property}). Each name must start with {@code X-}
     * and be at most 255 characters of {@code A-Za-z0-9-_.+}; each value is UTF-8 text. Setting it
     * replaces the whole map. Default empty.
     */
    @SuppressWarnings("unchecked")
    public static final Option<java.util.Map<String, String>> METADATA = new Option<>("METADATA",
            (Class<java.util.Map<String, String>>) (Class<?>) java.util.Map.class, java.util.Map.of(),
            Option::validMetadata, "names starting with X- of 1..255 characters A-Za-z0-9-_.+");

    /**
     * ZMQ_MECHANISM (read-only): the security mechanism of the socket's connections, as the
     * mechanism options below select it: {@code NULL}, {@code PLAIN} or {@code CURVE}.
     */
    public static final Option<String> MECHANISM = readOnly("MECHANISM", String.class, "NULL");
    /** ZMQ_PLAIN_SERVER: be the PLAIN server (checks user names and passwords through ZAP). Default false. */
    public static final Option<Boolean> PLAIN_SERVER = new Option<>("PLAIN_SERVER", Boolean.class, false, v -> true, "true or false");
    /** ZMQ_PLAIN_USERNAME: be a PLAIN client with this user name (empty = back to NULL). Default empty. */
    public static final Option<String> PLAIN_USERNAME = new Option<>("PLAIN_USERNAME", String.class, "",
            v -> utf8Length(v) <= 255, "at most 255 bytes of UTF-8");
    /** ZMQ_PLAIN_PASSWORD: the PLAIN client's password (also selects PLAIN as a client). Default empty. */
    public static final Option<String> PLAIN_PASSWORD = new Option<>("PLAIN_PASSWORD", String.class, "",
            v -> utf8Length(v) <= 255, "at most 255 bytes of UTF-8");
    /** ZMQ_CURVE_SERVER: be the CURVE server (needs {@link #CURVE_SECRETKEY}). Default false. */
    public static final Option<Boolean> CURVE_SERVER = new Option<>("CURVE_SERVER", Boolean.class, false, v -> true, "true or false");
    /**
     * ZMQ_CURVE_PUBLICKEY: this socket's long-term public key (a CURVE client needs it): 32 bytes,
     * or 40 bytes of Z85 text; read back as 32 bytes. Default none.
     */
    public static final Option<byte[]> CURVE_PUBLICKEY = curveKey("CURVE_PUBLICKEY");
    /**
     * ZMQ_CURVE_SECRETKEY: this socket's long-term secret key (client and server): 32 bytes, or 40
     * bytes of Z85 text; read back as 32 bytes. Never logged. Default none.
     */
    public static final Option<byte[]> CURVE_SECRETKEY = curveKey("CURVE_SECRETKEY");
    /**
     * ZMQ_CURVE_SERVERKEY: the server's public key; setting it makes this socket a CURVE client.
     * 32 bytes, or 40 bytes of Z85 text; read back as 32 bytes. Default none.
     */
    public static final Option<byte[]> CURVE_SERVERKEY = curveKey("CURVE_SERVERKEY");
    /**
     * ZMQ_ZAP_DOMAIN: the domain a ZAP request names. With NULL, setting it is what asks the ZAP
     * handler about each peer (as libzmq); with PLAIN and CURVE the handler is asked anyway. Default empty.
     */
    public static final Option<String> ZAP_DOMAIN = new Option<>("ZAP_DOMAIN", String.class, "",
            v -> utf8Length(v) <= 255, "at most 255 bytes of UTF-8");

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static Option<byte[]> curveKey(String name) {
        return new Option<>(name, byte[].class, new byte[0], dev.zmq4j.security.Z85::isKey,
                "32 bytes or 40 Z85 characters", false, false, dev.zmq4j.security.Z85::key);
    }

    private static <T> Option<T> readOnly(String name, Class<T> type, T defaultValue) {
        // validate() refuses every value of a read-only option before its predicate is asked
        return new Option<>(name, type, defaultValue, v -> true, "read-only", false, true, v -> v);
    }

    private static boolean validMetadata(java.util.Map<String, String> m) {
        for (java.util.Map.Entry<String, String> e : m.entrySet()) {
            String k = e.getKey();
            if (k == null || e.getValue() == null || !k.regionMatches(true, 0, "X-", 0, 2) || k.length() > 255
                    || !k.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' || c == '.' || c == '+')) {
                return false;
            }
        }
        return true;
    }

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Predicate<T> valid;
    private final String expectation;
    private final boolean typeSpecific;
    private final boolean readOnly;
    private final java.util.function.UnaryOperator<T> normalize;

    private Option(String name, Class<T> type, T defaultValue, Predicate<T> valid, String expectation) {
        this(name, type, defaultValue, valid, expectation, false);
    }

    private Option(String name, Class<T> type, T defaultValue, Predicate<T> valid, String expectation, boolean typeSpecific) {
        this(name, type, defaultValue, valid, expectation, typeSpecific, false, v -> v);
    }

    private Option(String name, Class<T> type, T defaultValue, Predicate<T> valid, String expectation, boolean typeSpecific,
            boolean readOnly, java.util.function.UnaryOperator<T> normalize) {
        this.readOnly = readOnly;
        this.normalize = normalize;
        this.typeSpecific = typeSpecific;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.valid = valid;
        this.expectation = expectation;
    }

    /** An option that only some socket types take (their descriptors name it). */
    private static <T> Option<T> typeSpecific(String name, Class<T> type, T defaultValue, Predicate<T> valid, String expectation) {
        return new Option<>(name, type, defaultValue, valid, expectation, true);
    }

    /**
     * Whether only some socket types take this option (e.g. ROUTER_MANDATORY); setting it on
     * another type throws {@link IllegalArgumentException}, as libzmq's EINVAL.
     *
     * @return {@code true} if some socket types refuse it
     */
    public boolean isTypeSpecific() {
        return typeSpecific;
    }

    /** {@return whether the option can only be read (e.g. MECHANISM); setting it throws {@link IllegalArgumentException}} */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** {@return libzmq's name of the option, without the ZMQ_ prefix (e.g. {@code SNDHWM})} */
    public String name() {
        return name;
    }

    /** {@return the value a new socket has} */
    public T defaultValue() {
        return defaultValue;
    }

    /** {@return the value type} */
    public Class<T> type() {
        return type;
    }

    T validate(T value) {
        Objects.requireNonNull(value, name);
        if (readOnly) {
            throw new IllegalArgumentException(name + ": read-only");
        }
        if (!valid.test(value)) {
            String shown = value instanceof byte[] b ? b.length + " bytes"
                    : name.endsWith("PASSWORD") ? String.valueOf(value).length() + " characters" : String.valueOf(value);
            throw new IllegalArgumentException(name + ": " + shown + " (expected: " + expectation + ")");
        }
        if (value instanceof java.util.Map<?, ?> m) {
            return type.cast(java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m)));
        }
        T v = normalize.apply(value);
        return v instanceof byte[] b && v == value ? type.cast(b.clone()) : v;
    }

    @Override
    public String toString() {
        return name;
    }
}
