package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.auth.Authenticator;
import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CurveKeyPair;
import dev.zmq4j.security.Z85;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys and certificate files against libzmq 4.3 and pyzmq 24: the same public key from the same
 * secret key, the same Z85 text, and certificate files each side reads from the other.
 */
@Timeout(120)
class CertificateInteropTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needPython() {
        PythonPeer.assumeAvailable();
    }

    @Test
    void libzmqDerivesTheSamePublicKeysFromOurSecretKeys() {
        List<String> args = new ArrayList<>();
        List<CurveKeyPair> pairs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CurveKeyPair pair = CurveKeyPair.generate();
            pairs.add(pair);
            args.add(pair.secretKeyZ85());
        }
        List<String> publics = PythonSnippet.run(
                "import sys, zmq\nfor s in sys.argv[1:]: print(zmq.curve_public(s.encode()).decode())",
                args.toArray(String[]::new));
        assertThat(publics).containsExactlyElementsOf(pairs.stream().map(CurveKeyPair::publicKeyZ85).toList());
    }

    @Test
    void weDeriveThePublicKeysOfLibzmqsKeyPairs() {
        List<String> lines = PythonSnippet.run(
                "import zmq\nfor _ in range(8):\n    p, s = zmq.curve_keypair()\n    print(p.decode(), s.decode())");
        assertThat(lines).hasSize(8);
        for (String line : lines) {
            String[] ps = line.split(" ");
            assertThat(CurveKeyPair.fromSecretKey(ps[1]).publicKeyZ85()).isEqualTo(ps[0]);
        }
    }

    @Test
    void z85TextIsPyzmqs() {
        Random random = new Random(27);
        List<String> hex = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int n = 0; n <= 64; n += 4) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            hex.add(n == 0 ? "-" : java.util.HexFormat.of().formatHex(data));
            expected.add(Z85.encode(data));
        }
        List<String> encoded = PythonSnippet.run(
                "import sys\nfrom zmq.utils import z85\n"
                        + "for h in sys.argv[1:]: print(z85.encode(bytes.fromhex('' if h == '-' else h)).decode())",
                hex.toArray(String[]::new));
        // An empty input prints an empty line, which lines() keeps in the middle.
        assertThat(encoded).containsExactlyElementsOf(expected);
    }

    @Test
    void readsCertificatesPyzmqWrote() throws IOException {
        List<String> out = PythonSnippet.run(
                "import sys, zmq.auth\n"
                        + "pub, sec = zmq.auth.create_certificates(sys.argv[1], 'server', metadata={'name': 'server-1'})\n"
                        + "print(pub); print(sec)\n"
                        + "p, s = zmq.auth.load_certificate(sec)\n"
                        + "print(p.decode()); print(s.decode())",
                dir.toString());
        Path pubFile = Path.of(out.get(0));
        Path secFile = Path.of(out.get(1));

        Certificate pub = Certificate.load(pubFile);
        Certificate sec = Certificate.load(secFile);

        assertThat(pub.publicKeyZ85()).isEqualTo(out.get(2));
        assertThat(pub.hasSecretKey()).isFalse();
        assertThat(sec.publicKeyZ85()).isEqualTo(out.get(2));
        assertThat(sec.keyPair().orElseThrow().secretKeyZ85()).isEqualTo(out.get(3));
        assertThat(sec.metadata()).containsExactly(Map.entry("name", "server-1"));   // pyzmq writes it bare
        assertThat(Certificate.isSecretFile(secFile)).isTrue();
        assertThat(Certificate.secretFile(pubFile)).isEqualTo(secFile);
    }

    @Test
    void pyzmqReadsCertificatesWeWrote() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        Path pubFile = dir.resolve("client.key");
        Certificate.of(pair, Map.of("name", "client")).save(pubFile);

        List<String> out = PythonSnippet.run(
                "import sys, zmq.auth\n"
                        + "for f in sys.argv[1:]:\n"
                        + "    p, s = zmq.auth.load_certificate(f)\n"
                        + "    print(p.decode(), s.decode() if s else None)\n"
                        + "print(list(k.decode() for k in zmq.auth.load_certificates(sys.argv[1].rsplit('/', 1)[0])))",
                pubFile.toString(), Certificate.secretFile(pubFile).toString());

        assertThat(out).containsExactly(
                pair.publicKeyZ85() + " None",
                pair.publicKeyZ85() + " " + pair.secretKeyZ85(),
                "['" + pair.publicKeyZ85() + "']");
    }

    @Test
    void anAuthenticatorAdmitsTheKeysOfPyzmqsCertificateDirectory() throws IOException {
        List<String> out = PythonSnippet.run(
                "import sys, zmq.auth\n"
                        + "for name in ('client', 'server'):\n"
                        + "    pub, sec = zmq.auth.create_certificates(sys.argv[1], name)\n"
                        + "    print(zmq.auth.load_certificate(pub)[0].decode())",
                dir.toString());
        byte[] client = Z85.decode(out.get(0));
        byte[] stranger = CurveKeyPair.generate().publicKey();

        try (Context ctx = new Context();
             Authenticator auth = Authenticator.install(ctx).curve(dir);
             Socket dealer = ctx.socket(SocketType.DEALER)) {
            dealer.set(Option.LINGER, Duration.ZERO);
            dealer.connect(Authenticator.ENDPOINT);
            for (byte[] key : new byte[][] {client, stranger}) {
                dealer.send(Message.of("".getBytes(StandardCharsets.US_ASCII), bytes("1.0"), bytes("1"), bytes(""),
                        bytes("127.0.0.1"), new byte[0], bytes("CURVE"), key));
            }
            Message admitted = dealer.receive(Duration.ofSeconds(10));
            Message refused = dealer.receive(Duration.ofSeconds(10));
            assertThat(admitted.toStrings().subList(1, 6)).containsExactly("1.0", "1", "200", "OK", out.get(0));
            assertThat(refused.toStrings().subList(3, 5)).containsExactly("400", "unknown CURVE key");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
