package dev.zmq4j.cli;

import dev.zmq4j.SocketType;
import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.SocketProfile;
import dev.zmq4j.zmtp.StreamHandshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One ZMTP probe: connects to a tcp or ipc endpoint over a plain channel, runs the handshake as a
 * socket of the given type ({@link StreamHandshake}), and reports what the peer said and how long
 * each step took, or where and why it stopped ({@link ProbeReport}). Every wait is bounded by one
 * deadline, the probe's timeout. Not thread-safe; use once.
 *
 * <p>"Complete" means what it does in rfc 37 for our side: we sent READY (or INITIATE) and the
 * peer's READY arrived with a Socket-Type ours accepts. The probe closes then, so a peer that
 * refuses us only after its READY (a zmq4j or libzmq ROUTER whose routing id is taken, say) goes
 * unnoticed; libzmq sends its NULL READY before it reads ours, so its socket-type refusal is judged
 * here from its READY, by rfc 37's table.
 *
 * <p>Our READY carries one extra property, {@value #NONCE_PROPERTY}, a random value: a peer that
 * hands it back is an echo server replaying our bytes, not a ZMTP socket of the same type.
 */
final class ZmtpProbe {
    /** The READY property that tells our own bytes, echoed, from a peer's. */
    static final String NONCE_PROPERTY = "X-Zmq4j-Probe";

    /** Every Socket-Type rfc 37 and libzmq's drafts name: our side accepts any, then judges. */
    private static final Set<String> EVERY_TYPE = Set.of("PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER",
            "PULL", "PUSH", "XPUB", "XSUB", "STREAM", "SERVER", "CLIENT", "RADIO", "DISH", "GATHER", "SCATTER",
            "DGRAM", "PEER", "CHANNEL");
    private static final int KEPT_BYTES = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String endpoint;
    private final SocketAddress address;
    private final SocketDescriptor type;
    private final String mechanismName;
    private final MechanismFactory mechanisms;
    private final Duration timeout;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final String nonce;
    private long deadlineNanos;
    private SocketAddress target;
    private StandardProtocolFamily family;

    /**
     * @param endpoint      {@code tcp://host:port} or {@code ipc://path}
     * @param type          the socket type to present
     * @param mechanismName the mechanism {@code mechanisms} makes: NULL, PLAIN or CURVE
     * @param mechanisms    makes our side of the mechanism
     * @param timeout       the whole probe's time limit
     * @throws IllegalArgumentException if the endpoint is not a tcp or ipc endpoint to connect to
     */
    ZmtpProbe(String endpoint, SocketDescriptor type, String mechanismName, MechanismFactory mechanisms, Duration timeout) {
        this.endpoint = endpoint;
        this.address = address(endpoint);
        this.type = type;
        this.mechanismName = mechanismName;
        this.mechanisms = mechanisms;
        this.timeout = timeout;
        byte[] n = new byte[8];
        RANDOM.nextBytes(n);
        this.nonce = HexFormat.of().formatHex(n);
    }

    /**
     * The address to connect to.
     *
     * @throws IllegalArgumentException if {@code endpoint} is not {@code tcp://host:port} or {@code ipc://path}
     */
    static SocketAddress address(String endpoint) {
        if (endpoint.startsWith("ipc://")) {
            String path = endpoint.substring("ipc://".length());
            if (path.isEmpty() || path.equals("*")) {
                throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: ipc://PATH of a bound socket)");
            }
            return UnixDomainSocketAddress.of(path);
        }
        if (!endpoint.startsWith("tcp://")) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: tcp://HOST:PORT or ipc://PATH)");
        }
        String hostPort = endpoint.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: tcp://HOST:PORT)");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + hostPort.substring(colon + 1) + " in " + endpoint + " (expected: 1..65535)");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** Runs the probe; never throws for anything the peer or the network does. */
    ProbeReport run() {
        ProbeReport report = new ProbeReport(endpoint, type.name(), mechanismName);
        deadlineNanos = System.nanoTime() + timeout.toNanos();
        boolean ipc = address instanceof UnixDomainSocketAddress;
        SocketAddress target = address;
        if (!ipc) {
            InetSocketAddress a = (InetSocketAddress) address;
            target = new InetSocketAddress(a.getHostString(), a.getPort());
            if (((InetSocketAddress) target).isUnresolved()) {
                return report.fail(ProbeReport.Outcome.UNREACHABLE, "connect", "cannot resolve host " + a.getHostString());
            }
        }
        this.target = target;
        this.family = ipc ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) target).getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        try (DeadlineChannel channel = DeadlineChannel.open(family, deadlineNanos)) {
            long start = System.nanoTime();
            try {
                if (!channel.connect(target)) {
                    return report.fail(ProbeReport.Outcome.TIMEOUT, "connect",
                            "no answer to connect within " + ProbeCommand.format(timeout)
                                    + " (a firewall dropping packets, or a host that is down?)");
                }
            } catch (ConnectException e) {
                return report.fail(ProbeReport.Outcome.REFUSED, "connect", "connection refused"
                        + (ipc ? " (" + e.getMessage() + "; no socket bound at " + address + "?)" : " (nothing listens on " + endpoint.substring("tcp://".length()) + ")"));
            } catch (UnresolvedAddressException e) {
                return report.fail(ProbeReport.Outcome.UNREACHABLE, "connect", "cannot resolve " + target);
            } catch (IOException e) {
                return report.fail(ipc && e.getMessage() != null && e.getMessage().contains("No such file")
                                ? ProbeReport.Outcome.REFUSED : ProbeReport.Outcome.UNREACHABLE,
                        "connect", "cannot connect: " + e.getMessage() + (ipc ? " (no socket bound at " + address + "?)" : ""));
            }
            report.step(ipc ? "ipc connect" : "tcp connect", System.nanoTime() - start);
            return handshake(channel, report);
        } catch (IOException e) {
            return report.fail(ProbeReport.Outcome.UNREACHABLE, report.steps.isEmpty() ? "connect" : "handshake",
                    "I/O error: " + e.getMessage());
        }
    }

    private ProbeReport handshake(DeadlineChannel channel, ProbeReport report) throws IOException {
        Map<String, byte[]> local = new LinkedHashMap<>();
        local.put(Metadata.SOCKET_TYPE, type.name().getBytes(StandardCharsets.US_ASCII));
        if (type.profile().sendsIdentity()) {
            local.put(Metadata.IDENTITY, new byte[0]);
        }
        local.put(NONCE_PROPERTY, nonce.getBytes(StandardCharsets.US_ASCII));
        Mechanism mechanism = mechanisms.create(new MechanismFactory.Connection(Metadata.of(local), "", () -> { }));
        SocketProfile anyPeer = new SocketProfile(type.name(), EVERY_TYPE, type.profile().sendsIdentity(),
                type.profile().subscriptions());
        StreamHandshake handshake = new StreamHandshake(mechanism, anyPeer, -1);
        List<byte[]> outgoing = new ArrayList<>();
        outgoing.add(handshake.greeting());
        long stepStart = System.nanoTime();
        boolean greetingSeen = false;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        boolean done = false;
        while (!done) {
            if (!flush(channel, outgoing)) {
                return report.fail(ProbeReport.Outcome.TIMEOUT, greetingSeen ? "handshake" : "greeting",
                        "could not send to the peer within " + ProbeCommand.format(timeout));
            }
            in.clear();
            int n;
            try {
                n = channel.read(in);
            } catch (IOException e) {
                return closed(report, handshake, "the connection failed (" + e.getMessage() + ")");
            }
            if (n == 0) {
                return timedOut(report, handshake);
            }
            if (n < 0) {
                return closed(report, handshake, "the peer closed the connection");
            }
            in.flip();
            keep(received, in.array(), in.position(), in.limit());
            try {
                done = handshake.feed(in, outgoing::add);
            } catch (ProtocolException e) {
                flushQuietly(channel, outgoing);
                return protocolFailure(report, handshake, e);
            }
            if (!greetingSeen && handshake.peerGreeting() != null) {
                greetingSeen = true;
                long now = System.nanoTime();
                report.step("greeting received", now - stepStart);
                stepStart = now;
                greeting(report, handshake.peerGreeting());
            }
        }
        flushQuietly(channel, outgoing);
        report.step("READY received", System.nanoTime() - stepStart);
        report.properties.putAll(handshake.peerMetadata().asMap());
        byte[] echoed = report.properties.get(NONCE_PROPERTY);
        if (echoed != null && Arrays.equals(echoed, nonce.getBytes(StandardCharsets.US_ASCII))) {
            report.properties.clear();
            report.version = null;
            report.peerMechanism = null;
            report.peerAsServer = null;
            report.firstBytes = firstBytes();
            report.hints.add("a ZMTP peer never sends our " + NONCE_PROPERTY + " value back: this is an echo server (or a relay looped back to us)");
            return report.fail(ProbeReport.Outcome.NOT_ZMTP, "handshake",
                    "not a ZMTP peer: it sent back exactly what we sent (an echo server)");
        }
        String peerType = report.peerSocketType();
        if (!type.profile().accepts(peerType)) {
            List<String> fits = compatible(peerType);
            report.hints.add("a " + type.name() + " talks to " + type.profile().sortedPeers()
                    + (fits.isEmpty() ? "" : "; a " + peerType + " talks to " + fits + ": try --socket-type " + fits.get(0)));
            return report.fail(ProbeReport.Outcome.INCOMPATIBLE, "handshake", "the peer is a " + peerType
                    + ", which does not accept a " + type.name() + " (rfc 37; libzmq closes such a connection)");
        }
        report.outcome = ProbeReport.Outcome.COMPLETE;
        return report;
    }

    /** Our socket types that accept a peer of type {@code peerType}. */
    static List<String> compatible(String peerType) {
        List<String> out = new ArrayList<>();
        for (SocketType t : SocketType.values()) {
            if (SocketDescriptor.forName(t.zmtpName()).profile().accepts(peerType)) {
                out.add(t.zmtpName());
            }
        }
        return out;
    }

    private static void greeting(ProbeReport report, Greeting g) {
        report.version = g.major() + "." + g.minor();
        report.peerMechanism = g.mechanism();
        report.peerAsServer = g.asServer();
    }

    private ProbeReport protocolFailure(ProbeReport report, StreamHandshake handshake, ProtocolException e) {
        byte[] bytes = received.toByteArray();
        if (handshake.peerGreeting() == null) {
            Greeting g = null;
            if (bytes.length >= Greeting.SIZE) {
                try {
                    g = Greeting.decode(Arrays.copyOf(bytes, Greeting.SIZE));
                } catch (ProtocolException notAGreeting) {
                    g = null;
                }
            }
            if (g == null) {
                return notZmtp(report, e.getMessage());
            }
            greeting(report, g);
            if (!g.mechanism().equals(mechanismName)) {
                return mismatch(report, g, "");
            }
            if (isEcho(bytes)) {
                return notZmtp(report, e.getMessage());
            }
            return report.fail(ProbeReport.Outcome.HANDSHAKE_FAILED, "greeting", e.getMessage());
        }
        String reason = e.getMessage();
        if (reason.contains("Invalid socket type")) {
            report.hints.add("the peer refuses a " + type.name() + "; a " + type.name() + " talks to "
                    + type.profile().sortedPeers());
        } else if (e.isRefusal()) {
            report.hints.add("the peer's authenticator (ZAP) refused us: status " + e.refusalCode()
                    + (mechanismName.equals("PLAIN") ? " (a wrong --plain-user or --plain-password?)" : ""));
        }
        return report.fail(ProbeReport.Outcome.HANDSHAKE_FAILED, "handshake", reason);
    }

    private ProbeReport mismatch(ProbeReport report, Greeting g, String how) {
        greeting(report, g);
        // No advice from as-server: libzmq sends it as 0 whatever its role.
        report.hints.add(switch (g.mechanism()) {
            case "CURVE" -> "to probe a CURVE server, give its public key: --curve-server-key Z85";
            case "PLAIN" -> "to probe a PLAIN server, give a user name and password: --plain-user U --plain-password P";
            case "NULL" -> "to probe a NULL peer, leave out the --curve-* and --plain-* options";
            default -> "probe speaks NULL, PLAIN (as client) and CURVE (as client)";
        });
        return report.fail(ProbeReport.Outcome.MECHANISM_MISMATCH, "greeting", "the peer's mechanism is "
                + g.mechanism() + "; probe speaks " + mechanismName + how);
    }

    /**
     * A second connection that sends only the first eleven bytes of our greeting (signature and
     * major version, rfc 37's version detection) and reads the peer's whole greeting: libzmq sends
     * the rest of its greeting then, but closes at once on a full greeting naming another mechanism.
     *
     * @return the peer's greeting, or {@code null} if it did not send one before the deadline
     */
    private Greeting secondLook() {
        try (DeadlineChannel channel = DeadlineChannel.open(family, deadlineNanos)) {
            if (!channel.connect(target)) {
                return null;
            }
            byte[] ours = Greeting.of(mechanismName, false).encode();
            if (!channel.write(Arrays.copyOf(ours, Greeting.VERSION_PREFIX))) {
                return null;
            }
            ByteBuffer in = ByteBuffer.allocate(Greeting.SIZE);
            while (in.hasRemaining()) {
                if (channel.read(in) <= 0) {
                    return null;
                }
            }
            return Greeting.decode(in.array());
        } catch (IOException e) {
            return null;
        }
    }

    /** The peer's first bytes are not a ZMTP 3 greeting: says what they look like. */
    private ProbeReport notZmtp(ProbeReport report, String detail) {
        byte[] bytes = received.toByteArray();
        report.firstBytes = firstBytes();
        if (isEcho(bytes)) {
            return report.fail(ProbeReport.Outcome.NOT_ZMTP, "greeting",
                    "not a ZMTP peer: it sent back the " + bytes.length + " bytes we sent (an echo server?)");
        }
        String what;
        if ((bytes[0] & 0xFF) != 0xFF) {
            what = looksLikeText(bytes) ? "not a ZMTP peer: it sent text \"" + ProbeReport.ascii(bytes, 40).strip() + "\""
                    : "not a ZMTP peer: its first byte is 0x" + String.format("%02x", bytes[0] & 0xFF) + " (expected: 0xff)";
        } else if (bytes.length >= 10 && (bytes[9] & 0x01) == 0) {
            what = "a ZMTP 1.0 peer (no version after the signature); probe speaks ZMTP 3";
        } else if (bytes.length >= 11 && (bytes[10] & 0xFF) < 3) {
            what = "a ZMTP " + ((bytes[10] & 0xFF) == 1 ? "2.0" : "1.0") + " peer (revision " + (bytes[10] & 0xFF)
                    + "); probe speaks ZMTP 3";
        } else {
            what = "not a ZMTP 3 peer: " + detail;
        }
        return report.fail(ProbeReport.Outcome.NOT_ZMTP, "greeting", what);
    }

    private static boolean looksLikeText(byte[] bytes) {
        int printable = 0;
        int n = Math.min(bytes.length, 64);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if ((b >= 0x20 && b <= 0x7E) || b == '\r' || b == '\n' || b == '\t') {
                printable++;
            }
        }
        return printable == n;
    }

    /** Whether every byte received is the start of what we sent. */
    private boolean isEcho(byte[] bytes) {
        byte[] ours = sent.toByteArray();
        return bytes.length > 0 && bytes.length <= ours.length
                && Arrays.equals(bytes, 0, bytes.length, ours, 0, bytes.length);
    }

    private byte[] firstBytes() {
        byte[] bytes = received.toByteArray();
        return Arrays.copyOf(bytes, Math.min(bytes.length, Greeting.SIZE));
    }

    private ProbeReport timedOut(ProbeReport report, StreamHandshake handshake) {
        int n = received.size();
        String limit = ProbeCommand.format(timeout);
        if (handshake.peerGreeting() != null) {
            report.hints.add("a peer that waits on a ZAP handler or is overloaded answers late; try a longer --timeout");
            return report.fail(ProbeReport.Outcome.TIMEOUT, "handshake",
                    "greeting received, but no READY within " + limit);
        }
        if (n == 0) {
            report.hints.add("a ZMTP peer sends its greeting at once; this one sent nothing: another protocol"
                    + " whose server waits for the client (and did not understand our greeting)?");
            return report.fail(ProbeReport.Outcome.TIMEOUT, "greeting", "connected, but the peer sent nothing within " + limit);
        }
        if (isEcho(received.toByteArray()) && n < sent.size()) {
            return notZmtp(report, "");
        }
        report.firstBytes = firstBytes();
        return report.fail(ProbeReport.Outcome.TIMEOUT, "greeting", "the peer sent " + n
                + " bytes of its greeting (expected: " + Greeting.SIZE + ") and then nothing within " + limit);
    }

    private ProbeReport closed(ProbeReport report, StreamHandshake handshake, String what) {
        int n = received.size();
        if (handshake.peerGreeting() != null && mechanismName.equals("CURVE") && n == Greeting.SIZE
                && sent.size() > Greeting.SIZE) {
            // libzmq's CURVE server drops a HELLO it cannot open without a word (no ERROR)
            report.hints.add("a CURVE server closes at once when our HELLO does not open with its secret key:"
                    + " is --curve-server-key the server's public key?");
            return report.fail(ProbeReport.Outcome.HANDSHAKE_FAILED, "handshake", what
                    + " during the CURVE handshake, after our HELLO, before its WELCOME");
        }
        if (handshake.peerGreeting() != null) {
            report.hints.add("libzmq closes without a word when it refuses our socket type (a " + type.name()
                    + " talks to " + type.profile().sortedPeers() + ") or our credentials, or when a ZAP handler denies us");
            return report.fail(ProbeReport.Outcome.HANDSHAKE_FAILED, "handshake", what + " after its greeting, before READY");
        }
        byte[] bytes = received.toByteArray();
        if (n > 0 && (isEcho(bytes) || (bytes[0] & 0xFF) != 0xFF)) {
            return notZmtp(report, what);
        }
        if (n == 0 || (n >= 10 && bytes[9] == 0x7F)) {
            // libzmq's answer to our full greeting when its mechanism is another, sometimes before
            // its own signature left: ask again, sending no mechanism.
            Greeting g = secondLook();
            if (g != null && !g.mechanism().equals(mechanismName)) {
                return mismatch(report, g, " (" + what + " after " + n + " bytes of its greeting;"
                        + " a second connection read the peer's mechanism)");
            }
        }
        if (n == 0) {
            report.hints.add("not a ZMTP peer, or one that drops new connections (e.g. at its connection limit)");
            return report.fail(ProbeReport.Outcome.NOT_ZMTP, "greeting", what + " without sending anything");
        }
        report.firstBytes = firstBytes();
        return report.fail(ProbeReport.Outcome.HANDSHAKE_FAILED, "greeting", what + " after " + n
                + " bytes of its greeting (expected: " + Greeting.SIZE + ")");
    }

    /** Writes the frames queued, logging them; {@code false} if the peer did not take them before the deadline. */
    private boolean flush(DeadlineChannel channel, List<byte[]> outgoing) throws IOException {
        for (byte[] frame : outgoing) {
            keep(sent, frame, 0, frame.length);
            if (!channel.write(frame)) {
                return false;
            }
        }
        outgoing.clear();
        return true;
    }

    /** Sends what the handshake queued (an ERROR for the peer) if it can; the probe is over anyway. */
    private void flushQuietly(DeadlineChannel channel, List<byte[]> outgoing) {
        try {
            flush(channel, outgoing);
        } catch (IOException e) {
            outgoing.clear();
        }
    }

    private static void keep(ByteArrayOutputStream log, byte[] bytes, int from, int to) {
        int n = Math.min(to - from, KEPT_BYTES - log.size());
        if (n > 0) {
            log.write(bytes, from, n);
        }
    }
}
