package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CertificateFormatException;
import dev.zmq4j.security.CurveKeyPair;
import dev.zmq4j.security.Z85;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The security options every networked perf tool takes (a picocli mixin), the same flags as
 * {@code bench/c/zperf}'s. A side is a CURVE server ({@code --curve-server} with a secret key), a
 * CURVE client ({@code --curve-server-key} with its own key pair), a PLAIN server
 * ({@code --plain-server}), a PLAIN client ({@code --plain-user}, {@code --plain-password}), or
 * NULL (none of them). Keys are 40 Z85 characters; {@code --curve-cert} takes this side's pair
 * from a czmq certificate file instead.
 *
 * <p>A PLAIN server runs a ZAP handler ({@link ZapResponder}) in its context: libzmq refuses every
 * PLAIN client without one. It accepts any user, or with {@code --plain-user}/{@code --plain-password}
 * on the server only that user.
 *
 * <p>Public so that the socket commands ({@code dev.zmq4j.cli.socket}) mix it in too.
 *
 * <p>Not thread-safe: the command's thread {@link #check()}s, then applies the options to sockets.
 */
public final class SecurityOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @picocli.CommandLine.Option(names = "--curve-server", description = "this side is the CURVE server (needs its secret key)")
    boolean curveServer;

    @picocli.CommandLine.Option(names = "--curve-secret-key", paramLabel = "Z85", description = "this side's CURVE secret key")
    String curveSecretKey;

    @picocli.CommandLine.Option(names = "--curve-public-key", paramLabel = "Z85", description = "this side's CURVE public key (a client needs it)")
    String curvePublicKey;

    @picocli.CommandLine.Option(names = "--curve-server-key", paramLabel = "Z85",
            description = "the server's CURVE public key: this side is a CURVE client")
    String curveServerKey;

    @picocli.CommandLine.Option(names = "--curve-cert", paramLabel = "FILE",
            description = "this side's CURVE key pair from a czmq certificate file (public-key = \"...\", secret-key = \"...\")")
    Path curveCert;

    @picocli.CommandLine.Option(names = "--plain-server", description = "this side is the PLAIN server (runs a ZAP handler)")
    boolean plainServer;

    @picocli.CommandLine.Option(names = "--plain-user", paramLabel = "U", description = "PLAIN user name (client; on a server: the only user accepted)")
    String plainUser;

    @picocli.CommandLine.Option(names = "--plain-password", paramLabel = "P", description = "PLAIN password (client; on a server: the only password accepted)")
    String plainPassword;

    /** The keys in use, from the options or the certificate; set by {@link #check()}. */
    private String publicKey;
    private String secretKey;
    private boolean checked;

    /** The mechanism the options select: NULL, PLAIN or CURVE. */
    String mechanism() {
        if (curveServer || curveServerKey != null || curveSecretKey != null || curvePublicKey != null || curveCert != null) {
            return "CURVE";
        }
        return plainServer || plainUser != null || plainPassword != null ? "PLAIN" : "NULL";
    }

    /** Whether this side is the server of its mechanism (CURVE or PLAIN). */
    boolean server() {
        return curveServer || plainServer;
    }

    /**
     * Checks that the options make one consistent side, reading {@code --curve-cert} if given.
     *
     * @throws ParameterException if they do not
     */
    public void check() {
        checked = true;
        publicKey = curvePublicKey;
        secretKey = curveSecretKey;
        boolean curve = mechanism().equals("CURVE");
        if (curve && (plainServer || plainUser != null || plainPassword != null)) {
            throw usage("CURVE and PLAIN options together (expected: one mechanism)");
        }
        if (!curve) {
            if (plainPassword != null && plainUser == null) {
                throw usage("--plain-password without --plain-user");
            }
            return;
        }
        if (curveServer == (curveServerKey != null)) {
            throw usage(curveServer ? "--curve-server and --curve-server-key (expected: a server or a client, not both)"
                    : "CURVE keys without --curve-server or --curve-server-key (expected: a server or a client)");
        }
        if (curveCert != null) {
            if (curveSecretKey != null || curvePublicKey != null) {
                throw usage("--curve-cert and --curve-secret-key/--curve-public-key (expected: the keys from one place)");
            }
            readCertificate(curveCert);
        }
        checkKey("--curve-secret-key", secretKey);
        if (!curveServer || publicKey != null) {
            checkKey("--curve-public-key", publicKey);
        }
        if (!curveServer) {
            checkKey("--curve-server-key", curveServerKey);
        }
    }

    private void checkKey(String name, String z85) {
        if (z85 == null) {
            throw usage("missing " + name + " (a CURVE " + (curveServer ? "server" : "client") + " needs it)");
        }
        if (z85.length() != 40 || !Z85.isValid(z85)) {
            throw usage(name + ": " + z85.length() + " characters (expected: a key of 40 Z85 characters)");
        }
    }

    private void readCertificate(Path file) {
        Certificate cert;
        try {
            cert = Certificate.load(file);
        } catch (CertificateFormatException e) {
            throw usage("--curve-cert: " + e.getMessage());
        } catch (IOException e) {
            throw usage("--curve-cert: " + file + " unreadable (" + e.getClass().getSimpleName() + ")");
        }
        CurveKeyPair pair = cert.keyPair().orElseThrow(() -> usage("--curve-cert: " + file
                + " has no secret key (expected: a czmq secret certificate, NAME_secret)"));
        publicKey = pair.publicKeyZ85();
        secretKey = pair.secretKeyZ85();
    }

    /** Sets the mechanism options on {@code s}, which must not be bound or connected yet; returns {@code s}. */
    public Socket apply(Socket s) {
        if (!checked) {
            throw new IllegalStateException("security options applied before check()");
        }
        if (curveServer) {
            s.set(Option.CURVE_SERVER, true);
            s.set(Option.CURVE_SECRETKEY, ascii(secretKey));
        } else if (curveServerKey != null) {
            s.set(Option.CURVE_PUBLICKEY, ascii(publicKey));
            s.set(Option.CURVE_SECRETKEY, ascii(secretKey));
            s.set(Option.CURVE_SERVERKEY, ascii(curveServerKey));
        } else if (plainServer) {
            s.set(Option.PLAIN_SERVER, true);
        } else if (plainUser != null) {
            s.set(Option.PLAIN_USERNAME, plainUser);
            s.set(Option.PLAIN_PASSWORD, plainPassword == null ? "" : plainPassword);
        }
        return s;
    }

    /**
     * Starts the ZAP handler a PLAIN server needs in {@code context}, before any socket binds;
     * {@code null} when none is needed (try-with-resources skips a null resource).
     */
    public ZapResponder startZap(Context context) {
        return plainServer ? ZapResponder.start(context, plainUser, plainPassword) : null;
    }

    private static byte[] ascii(String z85) {
        return z85.getBytes(StandardCharsets.US_ASCII);
    }

    private ParameterException usage(String message) {
        return new ParameterException(mixee.commandLine(), message);
    }
}
