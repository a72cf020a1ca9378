package dev.zmq4j.mechanism.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our public keys, box keys and boxes against libsodium's ({@code crypto_scalarmult_base},
 * {@code crypto_box_beforenm}, {@code crypto_box_easy}), called through python's ctypes: the same
 * random keys, nonces and messages of lengths around the 64-byte Salsa20 block and the 16-byte
 * Poly1305 block must give byte-identical results, and libsodium's box must open here. Skipped
 * where {@code /usr/bin/python3} or libsodium is missing.
 */
@Timeout(60)
class LibsodiumCrossCheckTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SCRIPT = String.join("\n",
            "import ctypes, ctypes.util, sys",
            "s = ctypes.CDLL(ctypes.util.find_library('sodium'))",
            "assert s.sodium_init() >= 0",
            "for line in sys.stdin:",
            "    sk, pk, nonce, msg = [bytes.fromhex(x) for x in line.strip().split(',')]",
            "    pub = ctypes.create_string_buffer(32)",
            "    assert s.crypto_scalarmult_base(pub, sk) == 0",
            "    k = ctypes.create_string_buffer(32)",
            "    assert s.crypto_box_beforenm(k, pk, sk) == 0",
            "    c = ctypes.create_string_buffer(len(msg) + 16)",
            "    assert s.crypto_box_easy(c, msg, ctypes.c_ulonglong(len(msg)), nonce, pk, sk) == 0",
            "    print(pub.raw.hex(), k.raw.hex(), c.raw.hex(), sep=',', flush=True)");
    private static final int[] LENGTHS = {0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 1000, 65537};

    private record Case(byte[] secret, byte[] peerPublic, byte[] nonce, byte[] message) {
    }

    @Test
    void keysAndBoxesAreLibsodiumsByteForByte(@TempDir Path dir) throws Exception {
        assumeTrue(libsodiumAvailable(), "python3 with ctypes and libsodium needed");
        Random random = new Random(2013);
        List<Case> cases = new ArrayList<>();
        StringBuilder input = new StringBuilder();
        for (int length : LENGTHS) {
            byte[] secret = bytes(random, 32);
            byte[] peerPublic = CurveKeys.publicKey(bytes(random, 32));
            Case c = new Case(secret, peerPublic, bytes(random, 24), bytes(random, length));
            cases.add(c);
            input.append(HEX.formatHex(c.secret)).append(',').append(HEX.formatHex(c.peerPublic)).append(',')
                    .append(HEX.formatHex(c.nonce)).append(',').append(HEX.formatHex(c.message)).append('\n');
        }
        Path in = dir.resolve("cases.txt");
        Path out = dir.resolve("answers.txt");
        Files.writeString(in, input.toString());
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("libsodium script finished").isTrue();
        assertThat(p.exitValue()).as("libsodium script exit status").isZero();
        List<String> answers = Files.readAllLines(out, StandardCharsets.US_ASCII);
        assertThat(answers).hasSize(cases.size());

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String[] a = answers.get(i).split(",", -1);
            byte[] key = CurveKeys.boxKey(c.peerPublic, c.secret);
            assertThat(HEX.formatHex(CurveKeys.publicKey(c.secret))).as("public key, case %d", i).isEqualTo(a[0]);
            assertThat(HEX.formatHex(key)).as("box key, case %d", i).isEqualTo(a[1]);
            assertThat(HEX.formatHex(SecretBox.seal(key, c.nonce, c.message)))
                    .as("box of %d bytes", c.message.length).isEqualTo(a[2]);
            byte[] theirs = HEX.parseHex(a[2]);
            assertThat(SecretBox.open(key, c.nonce, theirs, 0, theirs.length)).isEqualTo(c.message);
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static boolean libsodiumAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import ctypes, ctypes.util; ctypes.CDLL(ctypes.util.find_library('sodium'))")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
