package dev.zmq4j.cli;

import dev.zmq4j.mechanism.curve.Curve;
import dev.zmq4j.mechanism.plain.Plain;
import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CertificateFormatException;
import dev.zmq4j.security.CurveKeyPair;
import dev.zmq4j.security.Z85;
import dev.zmq4j.zmtp.MechanismFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j probe ENDPOINT}: connects to a ZMTP peer as a socket of one type, runs the
 * handshake and prints what the peer says about itself (ZMTP version, mechanism, as-server, every
 * READY property) and how long each step took, or where and why it stopped ({@link ZmtpProbe}).
 * NULL by default; a CURVE client with {@code --curve-server-key} (its own key pair from the
 * options, a certificate, or made up for the probe), a PLAIN client with {@code --plain-user}.
 *
 * <p>Exit status: 0 the handshake completed with a compatible peer, 1 the peer is unreachable, is
 * not ZMTP, or refused or failed the handshake, 2 a usage error.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Connect to a ZMTP endpoint, run the handshake and report what the peer says about itself.",
            "Exit status: 0 handshake complete, 1 unreachable, not ZMTP or refused, 2 usage error."})
final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "tcp://HOST:PORT or ipc://PATH")
    String endpoint;

    @Option(names = "--socket-type", paramLabel = "TYPE", defaultValue = "DEALER",
            description = "the socket type to present (default: ${DEFAULT-VALUE}; e.g. REQ, SUB, PUSH)")
    String socketType;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "limit for the whole probe, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Mixin
    SecurityOptions security;

    @Override
    public Integer call() {
        SocketDescriptor type;
        try {
            type = SocketDescriptor.forName(socketType.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--socket-type: " + e.getMessage());
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw usage("--format: " + format + " (expected: text or json)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw usage("--timeout: " + timeout + " (expected: > 0)");
        }
        String mechanism = security.mechanism();
        MechanismFactory factory = mechanism(mechanism);
        ZmtpProbe probe;
        try {
            probe = new ZmtpProbe(endpoint, type, mechanism, factory, timeout);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        ProbeReport report = probe.run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? ProbeOutput.json(report) : ProbeOutput.text(report));
        out.flush();
        return report.outcome.exitStatus;
    }

    /** Our side of the mechanism the security options select; probe is always the client. */
    private MechanismFactory mechanism(String name) {
        if (security.server()) {
            throw usage("--curve-server/--plain-server (expected: client options; probe connects as a client)");
        }
        switch (name) {
            case "CURVE" -> {
                if (security.curveServerKey == null) {
                    throw usage("CURVE keys without --curve-server-key (expected: the server's public key)");
                }
                byte[] serverKey = key("--curve-server-key", security.curveServerKey);
                CurveKeyPair pair = ourPair();
                if (security.curvePublicKey != null && !security.curvePublicKey.equals(pair.publicKeyZ85())) {
                    throw usage("--curve-public-key: not the public key of --curve-secret-key");
                }
                try {
                    return Curve.client(pair.publicKey(), pair.secretKey(), serverKey);
                } catch (IllegalArgumentException e) {
                    throw usage("--curve-server-key: " + e.getMessage());
                }
            }
            case "PLAIN" -> {
                if (security.plainUser == null) {
                    throw usage("--plain-password without --plain-user");
                }
                return Plain.client(security.plainUser, security.plainPassword == null ? "" : security.plainPassword);
            }
            default -> {
                return MechanismFactory.NULL;
            }
        }
    }

    /** Our CURVE key pair: from the certificate, from the secret key, or a new one for this probe. */
    private CurveKeyPair ourPair() {
        if (security.curveCert != null) {
            if (security.curveSecretKey != null || security.curvePublicKey != null) {
                throw usage("--curve-cert and --curve-secret-key/--curve-public-key (expected: the keys from one place)");
            }
            try {
                return Certificate.load(security.curveCert).keyPair().orElseThrow(() -> usage("--curve-cert: "
                        + security.curveCert + " has no secret key (expected: a czmq secret certificate, NAME_secret)"));
            } catch (CertificateFormatException e) {
                throw usage("--curve-cert: " + e.getMessage());
            } catch (IOException e) {
                throw usage("--curve-cert: " + security.curveCert + " unreadable (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (security.curveSecretKey != null) {
            return CurveKeyPair.fromSecretKey(key("--curve-secret-key", security.curveSecretKey));
        }
        if (security.curvePublicKey != null) {
            throw usage("--curve-public-key without --curve-secret-key");
        }
        return CurveKeyPair.generate();
    }

    private byte[] key(String option, String z85) {
        if (z85.length() != 40 || !Z85.isValid(z85)) {
            throw usage(option + ": " + z85.length() + " characters (expected: a key of 40 Z85 characters)");
        }
        return Z85.decode(z85);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A duration as the options write it: {@code 5s}, {@code 250ms}. */
    static String format(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
