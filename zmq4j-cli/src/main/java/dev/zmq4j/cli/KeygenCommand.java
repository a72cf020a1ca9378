package dev.zmq4j.cli;

import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CurveKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j keygen}: a new CURVE key pair (libzmq's {@code curve_keygen}), printed as
 *
 * <pre>
 * public-key: &lt;40 Z85 characters&gt;
 * secret-key: &lt;40 Z85 characters&gt;
 * </pre>
 *
 * <p>or, with {@code --cert FILE}, written as czmq certificate files {@code FILE} (public) and
 * {@code FILE_secret} (both keys, owner-only), with {@code --metadata name=value} entries, and
 * only the public key printed. Existing files are kept unless {@code --force} is given.
 * Exit status: 0 done, 1 a file exists or cannot be written, 2 a usage error.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a CURVE key pair: print it, or write czmq certificate files with --cert.")
final class KeygenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Write FILE (public certificate) and FILE_secret (secret certificate) in czmq's format and print the public key only.")
    Path cert;

    @Option(names = {"-m", "--metadata"}, paramLabel = "NAME=VALUE",
            description = "Certificate metadata (with --cert), e.g. name=alice; repeatable.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Option(names = {"-f", "--force"}, description = "Replace existing certificate files.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CurveKeyPair pair = CurveKeyPair.generate();
        if (cert == null) {
            if (!metadata.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--metadata: " + metadata.keySet() + " (expected: with --cert FILE)");
            }
            out.println("public-key: " + pair.publicKeyZ85());
            out.println("secret-key: " + pair.secretKeyZ85());
            out.flush();
            return 0;
        }
        Certificate certificate;
        try {
            certificate = Certificate.of(pair, metadata);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--metadata: " + e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (Path f : new Path[] {cert, Certificate.secretFile(cert)}) {
            if (!force && Files.exists(f)) {
                err.println("keygen: " + f + " exists (expected: a new file, or --force to replace it)");
                err.flush();
                return 1;
            }
        }
        try {
            certificate.save(cert);
        } catch (IOException e) {
            err.println("keygen: cannot write " + cert + ": " + e);
            err.flush();
            return 1;
        }
        out.println("public-key: " + pair.publicKeyZ85());
        out.flush();
        return 0;
    }
}
