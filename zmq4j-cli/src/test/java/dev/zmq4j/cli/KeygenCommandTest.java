package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CurveKeyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    private static final String Z85_KEY = "[0-9a-zA-Z.\\-:+=^!/*?&<>()\\[\\]{}@%$#]{40}";

    @TempDir
    Path dir;

    @Test
    void printsAKeyPairWhosePublicKeyFollowsFromItsSecretKey() {
        CapturedRun run = new CapturedRun();
        assertThat(run.commandLine.execute("keygen")).isZero();

        List<String> lines = run.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("public-key: " + Z85_KEY);
        assertThat(lines.get(1)).matches("secret-key: " + Z85_KEY);
        String publicKey = lines.get(0).substring("public-key: ".length());
        String secretKey = lines.get(1).substring("secret-key: ".length());
        assertThat(CurveKeyPair.fromSecretKey(secretKey).publicKeyZ85()).isEqualTo(publicKey);

        CapturedRun again = new CapturedRun();
        again.commandLine.execute("keygen");
        assertThat(again.lines().get(1)).isNotEqualTo(lines.get(1));
    }

    @Test
    void writesCzmqCertificateFilesAndPrintsThePublicKeyOnly() throws IOException {
        Path file = dir.resolve("alice.key");
        CapturedRun run = new CapturedRun();

        assertThat(run.commandLine.execute("keygen", "--cert", file.toString(), "-m", "name=alice", "--metadata", "role=admin")).isZero();

        assertThat(run.lines()).hasSize(1);
        assertThat(run.lines().get(0)).matches("public-key: " + Z85_KEY);
        String publicKey = run.lines().get(0).substring("public-key: ".length());
        Certificate pub = Certificate.load(file);
        Certificate secret = Certificate.load(dir.resolve("alice.key_secret"));
        assertThat(pub.hasSecretKey()).isFalse();
        assertThat(pub.publicKeyZ85()).isEqualTo(publicKey);
        assertThat(pub.metadata()).containsExactly(Map.entry("name", "alice"), Map.entry("role", "admin"));
        assertThat(secret.keyPair().orElseThrow().publicKeyZ85()).isEqualTo(publicKey);
        assertThat(Files.readString(file)).doesNotContain("secret-key");
    }

    @Test
    void keepsExistingFilesUnlessForced() throws IOException {
        Path file = dir.resolve("bob");
        Files.writeString(dir.resolve("bob_secret"), "precious");
        CapturedRun refused = new CapturedRun();

        assertThat(refused.commandLine.execute("keygen", "--cert", file.toString())).isEqualTo(1);

        assertThat(refused.err.toString()).contains("bob_secret exists (expected: a new file, or --force to replace it)");
        assertThat(refused.lines()).isEmpty();
        assertThat(Files.readString(dir.resolve("bob_secret"))).isEqualTo("precious");
        assertThat(Files.exists(file)).isFalse();

        CapturedRun forced = new CapturedRun();
        assertThat(forced.commandLine.execute("keygen", "--cert", file.toString(), "--force")).isZero();
        assertThat(Certificate.load(dir.resolve("bob_secret")).publicKeyZ85())
                .isEqualTo(forced.lines().get(0).substring("public-key: ".length()));
    }

    @Test
    void refusesMetadataWithoutACertificateOrWithABadName() {
        CapturedRun noCert = new CapturedRun();
        assertThat(noCert.commandLine.execute("keygen", "-m", "name=x")).isEqualTo(2);
        assertThat(noCert.err.toString()).contains("--metadata: [name] (expected: with --cert FILE)");
        assertThat(noCert.lines()).isEmpty();

        CapturedRun badName = new CapturedRun();
        assertThat(badName.commandLine.execute("keygen", "--cert", dir.resolve("c").toString(), "-m", "full name=x")).isEqualTo(2);
        assertThat(badName.err.toString()).contains("metadata name: 'full name'");
        assertThat(Files.exists(dir.resolve("c"))).isFalse();
    }

    @Test
    void reportsAnUnwritableFile() {
        CapturedRun run = new CapturedRun();
        assertThat(run.commandLine.execute("keygen", "--cert", dir.resolve("missing/dir/k").toString())).isEqualTo(1);
        assertThat(run.err.toString()).contains("keygen: cannot write " + dir.resolve("missing/dir/k"));
    }
}
