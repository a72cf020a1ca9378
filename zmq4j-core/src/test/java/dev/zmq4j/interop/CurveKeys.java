package dev.zmq4j.interop;

import static org.junit.jupiter.api.Assertions.fail;

import dev.zmq4j.security.Z85;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CURVE long-term key pair in Z85 text, made by libzmq ({@code zmq.curve_keypair()} in the
 * python of {@link PythonPeer}), so that the interop tests do not depend on zmq4j's own key
 * generation. Immutable.
 *
 * @param publicKey the 40-character Z85 public key
 * @param secretKey the 40-character Z85 secret key
 */
record CurveKeys(String publicKey, String secretKey) {
    /** {@code n} fresh key pairs from libzmq; call {@link PythonPeer#assumeAvailable()} first. */
    static List<CurveKeys> generate(int n) {
        String program = "import zmq\nfor _ in range(" + n + "):\n"
                + "    print(*(k.decode() for k in zmq.curve_keypair()))\n";
        try {
            Process p = new ProcessBuilder(PythonPeer.PYTHON, "-c", program)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            List<CurveKeys> keys = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII))) {
                for (String line; (line = r.readLine()) != null; ) {
                    String[] pair = line.split(" ");
                    keys.add(new CurveKeys(pair[0], pair[1]));
                }
            }
            if (!p.waitFor(PythonPeer.STARTUP.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0 || keys.size() != n) {
                p.destroyForcibly();
                fail("libzmq made " + keys.size() + " CURVE key pairs (expected: " + n + ")");
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while making CURVE keys", e);
        }
    }

    /** The public key as a socket option value (40 bytes of Z85 text). */
    byte[] publicOption() {
        return publicKey.getBytes(StandardCharsets.US_ASCII);
    }

    /** The secret key as a socket option value (40 bytes of Z85 text). */
    byte[] secretOption() {
        return secretKey.getBytes(StandardCharsets.US_ASCII);
    }

    /** The public key's 32 bytes. */
    byte[] publicBytes() {
        return Z85.decode(publicKey);
    }

    /** The secret key stays out of test reports. */
    @Override
    public String toString() {
        return "CurveKeys[public " + publicKey + "]";
    }
}
