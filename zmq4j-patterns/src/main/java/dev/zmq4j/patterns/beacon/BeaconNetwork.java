package dev.zmq4j.patterns.beacon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where a beacon sends and listens: its settings (port, address, interface) resolved against this
 * host's interfaces, and the two channels opened on them.
 *
 * <ul>
 *   <li>No address: broadcast, to the interface's broadcast address when an interface is given
 *       (computed from its prefix when the interface has no broadcast flag, as {@code lo}:
 *       127.255.255.255), else to 255.255.255.255.</li>
 *   <li>A multicast address: the group is joined on the interface (the first multicast interface
 *       that is up when none is given, else the loopback) and sent to with
 *       {@code IP_MULTICAST_LOOP} on, so beacons on this host see each other.</li>
 *   <li>Any other address (unicast, or a broadcast address written out): sent to as it is.</li>
 * </ul>
 * The receiving channel binds the wildcard address on the port with {@code SO_REUSEADDR} (and
 * {@code SO_REUSEPORT} where supported), so several beacons share the port; the sending channel
 * binds an ephemeral port (on the interface's address when one is given), so each beacon's
 * datagrams carry a source address of their own.
 *
 * <p>Immutable after construction; thread-safe.
 */
final class BeaconNetwork {
    final int port;
    final InetSocketAddress destination;
    final NetworkInterface networkInterface;
    final InetAddress localAddress;
    final boolean multicast;
    final ProtocolFamily family;

    BeaconNetwork(int port, String address, String interfaceSpec) {
        this.port = port;
        NetworkInterface nif = interfaceSpec == null ? null : findInterface(interfaceSpec);
        InetAddress dest = address == null ? broadcastAddress(nif) : resolve(address);
        this.family = dest instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        this.multicast = dest.isMulticastAddress();
        if (multicast && nif == null) {
            nif = defaultMulticastInterface();
        }
        this.networkInterface = nif;
        this.localAddress = interfaceSpec == null ? null : addressOf(nif, dest instanceof Inet6Address).orElseThrow(() ->
                new BeaconException("interface: " + interfaceSpec + " has no " + familyName() + " address (expected: one to send "
                        + dest.getHostAddress() + " from)"));
        this.destination = new InetSocketAddress(dest, port);
    }

    /** The receiving channel, bound to the port (and in the group), non-blocking. */
    DatagramChannel openReceiver() {
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(family);
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            ch.bind(new InetSocketAddress(port));
            if (multicast) {
                try {
                    ch.join(destination.getAddress(), networkInterface);
                } catch (IOException e) {
                    throw new BeaconException(this + ": cannot join the group on " + networkInterface.getName() + ": " + e.getMessage(), e);
                }
            }
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new BeaconException(this + ": cannot listen on UDP port " + port + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            throw e;
        }
    }

    /** The sending channel, bound to an ephemeral port, blocking. */
    DatagramChannel openSender() {
        DatagramChannel ch = null;
        try {
            ch = DatagramChannel.open(family);
            ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
            if (multicast) {
                ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
                ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            }
            ch.bind(new InetSocketAddress(localAddress, 0));
            return ch;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new BeaconException(this + ": cannot open the sending socket"
                    + (localAddress == null ? "" : " on " + localAddress.getHostAddress()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "beacon to " + destination.getAddress().getHostAddress() + ":" + port
                + (networkInterface == null ? "" : " via " + networkInterface.getName());
    }

    private String familyName() {
        return family == StandardProtocolFamily.INET6 ? "IPv6" : "IPv4";
    }

    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new BeaconException("address: " + address + " (unknown host)", e);
        }
    }

    private static NetworkInterface findInterface(String spec) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(spec);
            if (nif == null && looksLikeAddress(spec)) {
                nif = NetworkInterface.getByInetAddress(InetAddress.getByName(spec));
            }
            if (nif == null) {
                throw new BeaconException("interface: " + spec + " (expected: the name or address of an interface of this host: "
                        + interfaceNames() + ")");
            }
            if (!nif.isUp()) {
                throw new BeaconException("interface: " + spec + " is down");
            }
            return nif;
        } catch (SocketException | UnknownHostException e) {
            throw new BeaconException("interface: " + spec + ": " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeAddress(String spec) {
        return spec.indexOf(':') >= 0 || spec.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String interfaceNames() {
        try {
            List<String> names = new ArrayList<>();
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp()) {
                    names.add(nif.getName());
                }
            }
            return String.join(", ", names);
        } catch (SocketException e) {
            return "unknown";
        }
    }

    /** The interface's IPv4 broadcast address, or 255.255.255.255 without an interface. */
    private static InetAddress broadcastAddress(NetworkInterface nif) {
        if (nif == null) {
            return limitedBroadcast();
        }
        for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
            if (ia.getAddress() instanceof Inet4Address a) {
                if (ia.getBroadcast() != null) {
                    return ia.getBroadcast();
                }
                return directedBroadcast(a, ia.getNetworkPrefixLength());
            }
        }
        throw new BeaconException("interface: " + nif.getName() + " has no IPv4 address to broadcast from (expected: an address, such as a multicast group)");
    }

    private static InetAddress directedBroadcast(Inet4Address address, int prefixLength) {
        byte[] b = address.getAddress();
        int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int hostMask = prefixLength >= 32 ? 0 : -1 >>> prefixLength;
        int broadcast = bits | hostMask;
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (broadcast >>> 24), (byte) (broadcast >>> 16), (byte) (broadcast >>> 8), (byte) broadcast});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress limitedBroadcast() {
        try {
            return InetAddress.getByAddress(new byte[] {-1, -1, -1, -1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<InetAddress> addressOf(NetworkInterface nif, boolean ipv6) {
        return Collections.list(nif.getInetAddresses()).stream()
                .filter(a -> ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address)
                .findFirst();
    }

    private static NetworkInterface defaultMulticastInterface() {
        try {
            NetworkInterface loopback = null;
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                if (nif.isLoopback()) {
                    loopback = nif;
                } else if (nif.supportsMulticast()) {
                    return nif;
                }
            }
            if (loopback == null) {
                throw new BeaconException("no network interface is up to join a multicast group on");
            }
            return loopback;
        } catch (SocketException e) {
            throw new BeaconException("cannot list the network interfaces: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
