package dev.zmq4j.transport.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;

/**
 * A tcp address, {@code host:port}: the host may be {@code *} (all interfaces, bind only), a name,
 * an IPv4 address or a bracketed IPv6 address, and the port may be {@code *} or {@code 0} (an
 * ephemeral port, bind only). Immutable.
 *
 * @param host the host as written (without brackets), {@code *} for any
 * @param port the port, 0 for ephemeral
 */
public record TcpAddress(String host, int port) {
    /**
     * Parses the address part of {@code tcp://address}.
     *
     * @throws IllegalArgumentException if it is malformed
     */
    public static TcpAddress parse(String address, boolean bind) {
        String endpoint = "tcp://" + address;
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: tcp://host:port)");
        }
        String host = address.substring(0, colon);
        String portText = address.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || (!bind && host.equals("*"))) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' host '" + host + "' (expected: a host name or address"
                    + (bind ? " or *" : "") + ")");
        }
        int port;
        if (portText.equals("*")) {
            port = 0;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (port < 0 || port > 65535 || (!bind && port == 0)) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' port '" + portText + "' (expected: 1..65535"
                    + (bind ? ", 0 or *" : "") + ")");
        }
        return new TcpAddress(host, port);
    }

    /**
     * The socket address to bind or connect to, resolving the host name. {@code *} is every
     * interface: IPv4 and IPv6 with {@code ipv6}, IPv4 only otherwise (libzmq's ZMQ_IPV6); a name
     * resolves to its first IPv4 address unless {@code ipv6}.
     */
    public SocketAddress socketAddress(boolean ipv6) {
        if (host.equals("*")) {
            return ipv6 ? new InetSocketAddress(port) : new InetSocketAddress("0.0.0.0", port);
        }
        if (!ipv6 && !host.contains(":")) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a instanceof java.net.Inet4Address) {
                        return new InetSocketAddress(a, port);
                    }
                }
            } catch (UnknownHostException e) {
                return InetSocketAddress.createUnresolved(host, port);
            }
        }
        return new InetSocketAddress(host, port);
    }

    /** The endpoint text for a bound or connected socket address, e.g. {@code tcp://127.0.0.1:5555}. */
    public static String format(InetSocketAddress address) {
        String h = address.getAddress().getHostAddress();
        if (h.contains(":")) {
            int pct = h.indexOf('%');
            h = "[" + (pct >= 0 ? h.substring(0, pct) : h) + "]";
        }
        return "tcp://" + h + ":" + address.getPort();
    }

    @Override
    public String toString() {
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
