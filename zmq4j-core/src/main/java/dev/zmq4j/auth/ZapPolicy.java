package dev.zmq4j.auth;

import dev.zmq4j.security.Z85;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link Authenticator} admits, and the decision for one request, in czmq zauth's order:
 *
 * <ol>
 *   <li>the domain, if domains are set: another domain is refused;</li>
 *   <li>the address lists ({@link AddressFilter}), for every mechanism;</li>
 *   <li>the mechanism: NULL is admitted (user id empty); PLAIN if the user name and password are
 *       in the password table (user id: the user name); CURVE if any key is allowed or the
 *       client's key is in the certificate directory (user id: the key in Z85; metadata: the
 *       certificate's); PLAIN or CURVE with no policy set, and any other mechanism, are refused.</li>
 * </ol>
 *
 * <p>Thread-safe: each setter replaces an immutable or thread-safe part, read by
 * {@link #decide} without locks; a request decided while a setter runs sees the old or the new
 * policy.
 */
final class ZapPolicy {
    private static final byte[] NO_METADATA = new byte[0];

    private final AddressFilter addresses = new AddressFilter();
    private volatile Set<String> domains = Set.of();
    private volatile Passwords passwords;
    private volatile boolean curveAny;
    private volatile CertificateDirectory curveDirectory;
    private boolean closed;

    void allow(String... a) {
        addresses.allow(a);
    }

    void deny(String... a) {
        addresses.deny(a);
    }

    void domains(String... d) {
        domains = Set.copyOf(java.util.Arrays.asList(d));
    }

    void plain(Map<String, String> table) {
        passwords = Passwords.of(table);
    }

    void plain(Path file) throws IOException {
        passwords = Passwords.file(file);
    }

    synchronized void curve(Path dir) throws IOException {
        checkOpen();
        CertificateDirectory old = curveDirectory;
        curveDirectory = CertificateDirectory.open(dir);
        curveAny = false;
        if (old != null) {
            old.close();
        }
    }

    synchronized void curveAllowAny() throws IOException {
        checkOpen();
        curveAny = true;
        CertificateDirectory old = curveDirectory;
        curveDirectory = null;
        if (old != null) {
            old.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("authenticator: closed");
        }
    }

    /** The current certificate directory, or {@code null}. */
    CertificateDirectory curveDirectory() {
        return curveDirectory;
    }

    /** The reply to a well-formed request. */
    ZapReply decide(ZapRequest r) {
        Set<String> served = domains;
        if (!served.isEmpty() && !served.contains(r.domain())) {
            return ZapReply.refused("domain not served: '" + r.domain() + "'");
        }
        String refusal = addresses.refusal(r.address());
        if (refusal != null) {
            return ZapReply.refused(refusal);
        }
        return switch (r.mechanism()) {
            case "NULL" -> ZapReply.ok("", NO_METADATA);
            case "PLAIN" -> plain(r);
            case "CURVE" -> curve(r);
            default -> ZapReply.refused("mechanism not supported: " + r.mechanism());
        };
    }

    private ZapReply plain(ZapRequest r) {
        Passwords table = passwords;
        if (table == null) {
            return ZapReply.refused("PLAIN not configured");
        }
        String user = r.plainUser();
        return table.check(user, r.credentials().get(1))
                ? ZapReply.ok(user, NO_METADATA)
                : ZapReply.refused("wrong user name or password");
    }

    private ZapReply curve(ZapRequest r) {
        byte[] key = r.credentials().get(0);
        if (curveAny) {
            return ZapReply.ok(Z85.encode(key), NO_METADATA);
        }
        CertificateDirectory dir = curveDirectory;
        if (dir == null) {
            return ZapReply.refused("CURVE not configured");
        }
        CertificateDirectory.Entry entry = dir.find(key);
        return entry == null
                ? ZapReply.refused("unknown CURVE key")
                : ZapReply.ok(Z85.encode(key), entry.zapMetadata());
    }

    /** Stops watching a certificate directory; later {@link #curve} calls are refused. */
    synchronized void close() throws IOException {
        closed = true;
        CertificateDirectory dir = curveDirectory;
        if (dir != null) {
            dir.close();
        }
    }
}
