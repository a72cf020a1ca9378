package dev.zmq4j.transport;

import java.net.InetSocketAddress;

/**
 * A parsed endpoint, {@code transport://address}.
 *
 * <ul>
 *   <li>{@code tcp://host:port}: the host may be {@code *} (all interfaces, bind only), a name, an
 *       IPv4 address or a bracketed IPv6 address, and the port may be {@code *} or {@code 0} (an
 *       ephemeral port, bind only).</li>
 *   <li>{@code ipc://path}: a Unix domain socket; the path is absolute ({@code ipc:///tmp/x}) or
 *       relative to the working directory ({@code ipc://x}); {@code ipc://*} (bind only) is a
 *       new path in the temporary directory.</li>
 *   <li>{@code inproc://name}: a name shared by the sockets of one context.</li>
 * </ul>
 *
 * @param transport the transport name: {@code tcp}, {@code ipc} or {@code inproc}
 * @param host      tcp: the host as written, {@code *} for any; ipc: the path ({@code *} for a
 *                  generated one); inproc: the name
 * @param port      the tcp port, 0 for ephemeral (and for ipc and inproc)
 */
public record Endpoint(String transport, String host, int port) {
    /**
     * Parses an endpoint.
     *
     * @param bind whether the endpoint is for bind (which allows wildcards)
     * @throws IllegalArgumentException if the endpoint is malformed
     */
    public static Endpoint parse(String endpoint, boolean bind) {
        if (endpoint == null) {
            throw new IllegalArgumentException("endpoint: null (expected: transport://address)");
        }
        int sep = endpoint.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: transport://address, e.g. tcp://127.0.0.1:5555)");
        }
        String transport = endpoint.substring(0, sep);
        String address = endpoint.substring(sep + 3);
        if (transport.equals("ipc") || transport.equals("inproc")) {
            if (address.isEmpty() || (!bind && address.equals("*"))) {
                throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: " + transport + "://"
                        + (transport.equals("ipc") ? "path" + (bind ? " or ipc://*" : "") : "name") + ")");
            }
            return new Endpoint(transport, address, 0);
        }
        if (!transport.equals("tcp")) {
            throw new IllegalArgumentException("endpoint: '" + endpoint + "' transport '" + transport
                    + "' (expected: tcp, ipc or inproc)");
        }
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
        return new Endpoint(transport, host, port);
    }

    /** Whether this is an {@code ipc://} endpoint. */
    public boolean isIpc() {
        return transport.equals("ipc");
    }

    /** Whether this is an {@code inproc://} endpoint. */
    public boolean isInproc() {
        return transport.equals("inproc");
    }

    /** The tcp socket address to bind or connect to (resolving the host name). */
    public InetSocketAddress socketAddress() {
        return host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    /** The endpoint text for a bound or connected socket address. */
    public static String format(String transport, InetSocketAddress address) {
        String h = address.getAddress().getHostAddress();
        if (h.contains(":")) {
            int pct = h.indexOf('%');
            h = "[" + (pct >= 0 ? h.substring(0, pct) : h) + "]";
        }
        return transport + "://" + h + ":" + address.getPort();
    }

    @Override
    public String toString() {
        if (!transport.equals("tcp")) {
            return transport + "://" + host;
        }
        return transport + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
