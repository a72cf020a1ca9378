package dev.zmq4j.cli.socket;

import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The socket options of a socket command as flags named after libzmq's options (a picocli
 * mixin): {@code --sndhwm} is ZMQ_SNDHWM, {@code --reconnect-ivl} ZMQ_RECONNECT_IVL, and so on.
 * Durations are read by {@link DurationConverter}. A flag not given leaves the library's default,
 * except LINGER, which is always set (30 s unless {@code --linger} says otherwise) because it
 * bounds how long a sender waits at the end of its input for the messages to leave.
 *
 * <p>Not thread-safe: the command's thread applies the options before binding or connecting.
 */
public final class SocketOptionFlags {
    @picocli.CommandLine.Option(names = "--sndhwm", paramLabel = "N", description = "ZMQ_SNDHWM: messages queued per peer for sending (0 = no limit)")
    Integer sndhwm;

    @picocli.CommandLine.Option(names = "--rcvhwm", paramLabel = "N", description = "ZMQ_RCVHWM: messages queued per peer for receiving (0 = no limit)")
    Integer rcvhwm;

    @picocli.CommandLine.Option(names = "--linger", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_LINGER: how long closing waits for unsent messages (-1 = no limit); default 30s")
    Duration linger = Duration.ofSeconds(30);

    @picocli.CommandLine.Option(names = "--sndtimeo", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_SNDTIMEO: how long a send may wait (-1 = no limit)")
    Duration sndtimeo;

    @picocli.CommandLine.Option(names = "--rcvtimeo", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_RCVTIMEO: how long a receive may wait (-1 = no limit); --timeout is usually what you want")
    Duration rcvtimeo;

    @picocli.CommandLine.Option(names = "--reconnect-ivl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_RECONNECT_IVL: first wait before reconnecting")
    Duration reconnectIvl;

    @picocli.CommandLine.Option(names = "--reconnect-ivl-max", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_RECONNECT_IVL_MAX: longest wait before reconnecting (0 = no back-off)")
    Duration reconnectIvlMax;

    @picocli.CommandLine.Option(names = "--heartbeat-ivl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_HEARTBEAT_IVL: send a PING this often (0 = never)")
    Duration heartbeatIvl;

    @picocli.CommandLine.Option(names = "--heartbeat-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_HEARTBEAT_TIMEOUT: close a connection silent this long after a PING")
    Duration heartbeatTimeout;

    @picocli.CommandLine.Option(names = "--heartbeat-ttl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_HEARTBEAT_TTL: the time to live asked of the peer in each PING")
    Duration heartbeatTtl;

    @picocli.CommandLine.Option(names = "--routing-id", paramLabel = "ID", description = "ZMQ_ROUTING_ID: this socket's routing id (UTF-8, 1 to 255 bytes)")
    String routingId;

    @picocli.CommandLine.Option(names = "--maxmsgsize", paramLabel = "BYTES", description = "ZMQ_MAXMSGSIZE: the largest message accepted (-1 = no limit)")
    Long maxmsgsize;

    @picocli.CommandLine.Option(names = "--immediate", description = "ZMQ_IMMEDIATE: queue messages only for completed connections")
    boolean immediate;

    @picocli.CommandLine.Option(names = "--conflate", description = "ZMQ_CONFLATE: keep only the last message")
    boolean conflate;

    @picocli.CommandLine.Option(names = "--ipv6", description = "ZMQ_IPV6: allow IPv6 addresses")
    boolean ipv6;

    @picocli.CommandLine.Option(names = "--tos", paramLabel = "N", description = "ZMQ_TOS: the IP type-of-service byte of tcp connections (0..255)")
    Integer tos;

    @picocli.CommandLine.Option(names = "--sndbuf", paramLabel = "BYTES", description = "ZMQ_SNDBUF: kernel send buffer (-1 = OS default)")
    Integer sndbuf;

    @picocli.CommandLine.Option(names = "--rcvbuf", paramLabel = "BYTES", description = "ZMQ_RCVBUF: kernel receive buffer (-1 = OS default)")
    Integer rcvbuf;

    @picocli.CommandLine.Option(names = "--backlog", paramLabel = "N", description = "ZMQ_BACKLOG: listen backlog of binds")
    Integer backlog;

    @picocli.CommandLine.Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_CONNECT_TIMEOUT: how long a tcp connect may take (0 = the system's limit)")
    Duration connectTimeout;

    @picocli.CommandLine.Option(names = "--max-handshakes", paramLabel = "N",
            description = "zmq4j's own: the most connections of a bound endpoint in their handshake at once; more wait"
                    + " in the listen backlog (0 = no limit)")
    Integer maxHandshakes;
    @picocli.CommandLine.Option(names = "--handshake-ivl", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "ZMQ_HANDSHAKE_IVL: how long the ZMTP handshake may take (0 = no limit)")
    Duration handshakeIvl;

    @picocli.CommandLine.Option(names = "--tcp-keepalive", paramLabel = "N", description = "ZMQ_TCP_KEEPALIVE: -1 OS default, 0 off, 1 on")
    Integer tcpKeepalive;

    @picocli.CommandLine.Option(names = "--tcp-keepalive-idle", paramLabel = "SECONDS", description = "ZMQ_TCP_KEEPALIVE_IDLE: idle time before probes")
    Integer tcpKeepaliveIdle;

    @picocli.CommandLine.Option(names = "--tcp-keepalive-cnt", paramLabel = "N", description = "ZMQ_TCP_KEEPALIVE_CNT: probes before dropping")
    Integer tcpKeepaliveCnt;

    @picocli.CommandLine.Option(names = "--tcp-keepalive-intvl", paramLabel = "SECONDS", description = "ZMQ_TCP_KEEPALIVE_INTVL: time between probes")
    Integer tcpKeepaliveIntvl;

    @picocli.CommandLine.Option(names = "--router-mandatory", description = "ZMQ_ROUTER_MANDATORY (router; always on in zmq4j router)")
    boolean routerMandatory;

    @picocli.CommandLine.Option(names = "--router-handover", description = "ZMQ_ROUTER_HANDOVER (router): a reconnecting peer takes over its routing id")
    boolean routerHandover;

    @picocli.CommandLine.Option(names = "--xpub-verbose", description = "ZMQ_XPUB_VERBOSE (xpub): pass on every subscription, not only new ones")
    boolean xpubVerbose;

    @picocli.CommandLine.Option(names = "--xpub-manual", description = "ZMQ_XPUB_MANUAL (xpub): subscriptions are not applied automatically")
    boolean xpubManual;

    @picocli.CommandLine.Option(names = "--xpub-nodrop", description = "ZMQ_XPUB_NODROP (xpub): block at the HWM instead of dropping")
    boolean xpubNodrop;

    @picocli.CommandLine.Option(names = "--req-relaxed", description = "ZMQ_REQ_RELAXED (req): allow a new request before the reply")
    boolean reqRelaxed;

    @picocli.CommandLine.Option(names = "--req-correlate", description = "ZMQ_REQ_CORRELATE (req): match replies to requests")
    boolean reqCorrelate;

    @picocli.CommandLine.Option(names = "--zap-domain", paramLabel = "DOMAIN", description = "ZMQ_ZAP_DOMAIN: the domain named in ZAP requests")
    String zapDomain;

    @picocli.CommandLine.Option(names = "--metadata", paramLabel = "NAME=VALUE",
            description = "ZMQ_METADATA: an application property sent in the handshake; NAME starts with X- (repeatable)")
    java.util.Map<String, String> metadata;

    @picocli.CommandLine.Option(names = "--xpub-welcome-msg", paramLabel = "TEXT",
            description = "ZMQ_XPUB_WELCOME_MSG (XPUB): a message sent to each new subscriber (UTF-8)")
    String xpubWelcomeMsg;

    @picocli.CommandLine.Option(names = "--connect-routing-id", paramLabel = "ID",
            description = "ZMQ_CONNECT_ROUTING_ID (ROUTER): the routing id given to the peer of the first --connect (UTF-8)")
    String connectRoutingId;

    /**
     * Sets the given options on {@code socket}, before it binds or connects.
     *
     * @throws IllegalArgumentException naming the flag, if a value is out of range or the option
     *                                  does not apply to the socket's type
     */
    void apply(Socket socket) {
        set(socket, "--sndhwm", Option.SNDHWM, sndhwm);
        set(socket, "--rcvhwm", Option.RCVHWM, rcvhwm);
        set(socket, "--linger", Option.LINGER, linger);
        set(socket, "--sndtimeo", Option.SNDTIMEO, sndtimeo);
        set(socket, "--rcvtimeo", Option.RCVTIMEO, rcvtimeo);
        set(socket, "--reconnect-ivl", Option.RECONNECT_IVL, reconnectIvl);
        set(socket, "--reconnect-ivl-max", Option.RECONNECT_IVL_MAX, reconnectIvlMax);
        set(socket, "--heartbeat-ivl", Option.HEARTBEAT_IVL, heartbeatIvl);
        set(socket, "--heartbeat-timeout", Option.HEARTBEAT_TIMEOUT, heartbeatTimeout);
        set(socket, "--heartbeat-ttl", Option.HEARTBEAT_TTL, heartbeatTtl);
        set(socket, "--routing-id", Option.ROUTING_ID, routingId == null ? null : routingId.getBytes(StandardCharsets.UTF_8));
        set(socket, "--maxmsgsize", Option.MAXMSGSIZE, maxmsgsize);
        set(socket, "--immediate", Option.IMMEDIATE, immediate ? Boolean.TRUE : null);
        set(socket, "--conflate", Option.CONFLATE, conflate ? Boolean.TRUE : null);
        set(socket, "--ipv6", Option.IPV6, ipv6 ? Boolean.TRUE : null);
        set(socket, "--tos", Option.TOS, tos);
        set(socket, "--sndbuf", Option.SNDBUF, sndbuf);
        set(socket, "--rcvbuf", Option.RCVBUF, rcvbuf);
        set(socket, "--backlog", Option.BACKLOG, backlog);
        set(socket, "--connect-timeout", Option.CONNECT_TIMEOUT, connectTimeout);
        set(socket, "--handshake-ivl", Option.HANDSHAKE_IVL, handshakeIvl);
        set(socket, "--max-handshakes", Option.MAX_HANDSHAKES, maxHandshakes);
        set(socket, "--tcp-keepalive", Option.TCP_KEEPALIVE, tcpKeepalive);
        set(socket, "--tcp-keepalive-idle", Option.TCP_KEEPALIVE_IDLE, tcpKeepaliveIdle);
        set(socket, "--tcp-keepalive-cnt", Option.TCP_KEEPALIVE_CNT, tcpKeepaliveCnt);
        set(socket, "--tcp-keepalive-intvl", Option.TCP_KEEPALIVE_INTVL, tcpKeepaliveIntvl);
        set(socket, "--router-mandatory", Option.ROUTER_MANDATORY, routerMandatory ? Boolean.TRUE : null);
        set(socket, "--router-handover", Option.ROUTER_HANDOVER, routerHandover ? Boolean.TRUE : null);
        set(socket, "--xpub-verbose", Option.XPUB_VERBOSE, xpubVerbose ? Boolean.TRUE : null);
        set(socket, "--xpub-manual", Option.XPUB_MANUAL, xpubManual ? Boolean.TRUE : null);
        set(socket, "--xpub-nodrop", Option.XPUB_NODROP, xpubNodrop ? Boolean.TRUE : null);
        set(socket, "--req-relaxed", Option.REQ_RELAXED, reqRelaxed ? Boolean.TRUE : null);
        set(socket, "--req-correlate", Option.REQ_CORRELATE, reqCorrelate ? Boolean.TRUE : null);
        set(socket, "--zap-domain", Option.ZAP_DOMAIN, zapDomain);
        set(socket, "--metadata", Option.METADATA, metadata);
        set(socket, "--xpub-welcome-msg", Option.XPUB_WELCOME_MSG, utf8(xpubWelcomeMsg));
        set(socket, "--connect-routing-id", Option.CONNECT_ROUTING_ID, utf8(connectRoutingId));
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> void set(Socket socket, String flag, Option<T> option, T value) {
        if (value == null) {
            return;
        }
        try {
            socket.set(option, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
        }
    }
}
