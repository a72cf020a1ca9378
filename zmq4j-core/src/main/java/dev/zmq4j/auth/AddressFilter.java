package dev.zmq4j.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address lists of czmq's zauth: an address on the deny list is refused; if the allow list is
 * not empty, an address not on it is refused. An address on both is refused. Addresses are IP
 * literals, compared in canonical form ({@code ::1} matches {@code 0:0:0:0:0:0:0:1}), so the lists
 * match what libzmq puts in a ZAP request however they were spelled; anything else is compared
 * as text. Nothing is ever resolved through DNS.
 *
 * <p>Thread-safe: the lists are replaced whole (copy on write) and read without locks.
 */
final class AddressFilter {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private volatile Set<String> allowed = Set.of();
    private volatile Set<String> denied = Set.of();

    /** Adds {@code addresses} to the allow list. */
    synchronized void allow(String... addresses) {
        allowed = with(allowed, addresses);
    }

    /** Adds {@code addresses} to the deny list. */
    synchronized void deny(String... addresses) {
        denied = with(denied, addresses);
    }

    private static Set<String> with(Set<String> set, String... addresses) {
        Set<String> copy = new HashSet<>(set);
        for (String a : addresses) {
            if (a == null || a.isBlank()) {
                throw new IllegalArgumentException("address: '" + a + "' (expected: an IP address, not blank)");
            }
            copy.add(canonical(a.strip()));
        }
        return Set.copyOf(copy);
    }

    /** Why {@code address} is refused, or {@code null} if it passes. */
    String refusal(String address) {
        Set<String> deny = denied;
        Set<String> allow = allowed;
        if (deny.isEmpty() && allow.isEmpty()) {
            return null;
        }
        String a = canonical(address);
        if (deny.contains(a)) {
            return "address denied";
        }
        if (!allow.isEmpty() && !allow.contains(a)) {
            return "address not allowed";
        }
        return null;
    }

    /**
     * The canonical text of an IP literal: IPv4 in plain decimal ({@code 010.0.0.1} is
     * {@code 10.0.0.1}), IPv6 as Java prints it (uncompressed; an IPv4-mapped address as its IPv4
     * address); other text unchanged. Only text with a ':' reaches {@link InetAddress#getByName},
     * which takes it for an IPv6 literal and parses it without resolving.
     */
    static String canonical(String address) {
        if (IPV4.matcher(address).matches()) {
            String[] octets = address.split("\\.");
            StringBuilder sb = new StringBuilder();
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v > 255) {
                    return address;
                }
                sb.append(sb.length() == 0 ? "" : ".").append(v);
            }
            return sb.toString();
        }
        if (!IPV6.matcher(address).matches()) {
            return address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return address;
        }
    }
}
