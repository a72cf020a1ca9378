package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.CurveKeyPair;
import dev.zmq4j.zmtp.Metadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** CURVE: a directory of public certificates, watched for changes, or any key. */
@Timeout(60)
class CurvePolicyTest {
    private final Context ctx = new Context();
    private Authenticator auth;
    private ZapClient client;

    @TempDir
    Path certs;

    @BeforeEach
    void start() {
        auth = Authenticator.install(ctx);
        client = new ZapClient(ctx);
    }

    @AfterEach
    void close() {
        client.close();
        auth.close();
        ctx.close();
    }

    private static boolean admitted(ZapClient client, CurveKeyPair key) {
        return client.curve(key.publicKey()).status().equals("200");
    }

    @Test
    void admitsAKeyWithACertificateNamingItByKeyWithTheCertificatesMetadata() throws IOException {
        CurveKeyPair alice = CurveKeyPair.generate();
        Certificate.of(alice, Map.of("name", "alice")).save(certs.resolve("alice.key"));
        auth.curve(certs);

        ZapClient.Reply ok = client.curve(alice.publicKey());

        assertThat(ok.status()).isEqualTo("200");
        assertThat(ok.text()).isEqualTo("OK");
        assertThat(ok.userId()).isEqualTo(alice.publicKeyZ85());
        assertThat(ok.properties().getString("name")).isEqualTo("alice");
        assertThat(ok.properties().asMap()).hasSize(1);
    }

    @Test
    void refusesAKeyWithoutACertificate() throws IOException {
        Certificate.of(CurveKeyPair.generate()).save(certs.resolve("someone"));
        auth.curve(certs);

        ZapClient.Reply refused = client.curve(CurveKeyPair.generate().publicKey());

        assertThat(refused.status()).isEqualTo("400");
        assertThat(refused.text()).isEqualTo("unknown CURVE key");
        assertThat(refused.userId()).isEmpty();
    }

    @Test
    void admitsANewCertificateAndDropsARemovedOneWithoutARestart() throws IOException {
        CurveKeyPair bob = CurveKeyPair.generate();
        CurveKeyPair carol = CurveKeyPair.generate();
        Certificate.of(carol).savePublic(certs.resolve("carol"));
        auth.curve(certs);
        assertThat(admitted(client, bob)).isFalse();
        assertThat(admitted(client, carol)).isTrue();

        Certificate.of(bob).savePublic(certs.resolve("bob"));
        Await.until(() -> admitted(client, bob), ZapClient.WAIT, "bob's new certificate did not admit him");

        Files.delete(certs.resolve("carol"));
        Await.until(() -> !admitted(client, carol), ZapClient.WAIT, "carol's removed certificate still admits her");
        assertThat(admitted(client, bob)).isTrue();
    }

    @Test
    void followsAFileRewrittenInPlace() throws IOException {
        CurveKeyPair first = CurveKeyPair.generate();
        CurveKeyPair second = CurveKeyPair.generate();
        Path file = certs.resolve("client");
        Certificate.of(first).savePublic(file);
        auth.curve(certs);
        assertThat(admitted(client, first)).isTrue();

        // Not through a rename: the same file, truncated and written again.
        Path elsewhere = Files.createTempFile("cert", "");
        Certificate.of(second).savePublic(elsewhere);
        Files.write(file, Files.readAllBytes(elsewhere));
        Files.delete(elsewhere);

        Await.until(() -> admitted(client, second), ZapClient.WAIT, "the rewritten certificate was not read");
        assertThat(admitted(client, first)).isFalse();
    }

    @Test
    void skipsSecretHiddenAndBrokenFilesAndAdmitsTheRest() throws IOException {
        CurveKeyPair good = CurveKeyPair.generate();
        CurveKeyPair onlySecret = CurveKeyPair.generate();
        CurveKeyPair hidden = CurveKeyPair.generate();
        Certificate.of(good).savePublic(certs.resolve("good"));
        Certificate.of(onlySecret).save(certs.resolve("gone"));
        Files.delete(certs.resolve("gone"));   // only gone_secret is left
        Certificate.of(hidden).savePublic(certs.resolve(".hidden"));
        Files.writeString(certs.resolve("broken"), "curve\n    public-key = \"short\"\n");
        Files.createDirectory(certs.resolve("subdir"));

        auth.curve(certs);

        assertThat(admitted(client, good)).isTrue();
        assertThat(admitted(client, onlySecret)).isFalse();
        assertThat(admitted(client, hidden)).isFalse();
    }

    @Test
    void passesOnlyMetadataThatZmtpCanCarry() throws IOException {
        CurveKeyPair dave = CurveKeyPair.generate();
        Certificate.of(dave, Map.of("name", "dave", "Socket-Type", "PUB", "e/mail", "d@x", "Name", "DAVE"))
                .savePublic(certs.resolve("dave"));
        auth.curve(certs);

        Metadata props = client.curve(dave.publicKey()).properties();

        assertThat(props.asMap()).hasSize(1);
        assertThat(props.getString("name")).isIn("dave", "DAVE");
    }

    @Test
    void allowAnyAdmitsEveryKeyAndADirectoryReplacesIt() throws IOException {
        CurveKeyPair stranger = CurveKeyPair.generate();
        auth.curveAllowAny();

        ZapClient.Reply ok = client.curve(stranger.publicKey());
        assertThat(ok.status()).isEqualTo("200");
        assertThat(ok.userId()).isEqualTo(stranger.publicKeyZ85());
        assertThat(ok.metadata()).isEmpty();

        auth.curve(certs);
        assertThat(admitted(client, stranger)).as("an empty directory admits no one").isFalse();
        auth.curveAllowAny();
        assertThat(admitted(client, stranger)).isTrue();
    }

    @Test
    void refusesAPathThatIsNotADirectory() throws IOException {
        Path file = Files.writeString(certs.resolve("file"), "x");
        assertThatThrownBy(() -> auth.curve(file)).isInstanceOf(NotDirectoryException.class)
                .hasMessageContaining("expected: a directory of certificate files");
        assertThatThrownBy(() -> auth.curve(certs.resolve("missing"))).isInstanceOf(NotDirectoryException.class);
        assertThat(client.curve(new byte[32]).text()).isEqualTo("CURVE not configured");
    }

    @Test
    void refusesEveryoneOnceTheDirectoryIsGoneAndAdmitsAgainWhenItIsBack() throws IOException {
        Path dir = Files.createDirectory(certs.resolve("clients"));
        CurveKeyPair erin = CurveKeyPair.generate();
        Certificate.of(erin).savePublic(dir.resolve("erin"));
        auth.curve(dir);
        assertThat(admitted(client, erin)).isTrue();

        Files.delete(dir.resolve("erin"));
        Files.delete(dir);
        Await.until(() -> !admitted(client, erin), ZapClient.WAIT, "a removed directory still admits");

        Files.createDirectory(dir);
        Certificate.of(erin).savePublic(dir.resolve("erin"));
        Await.until(() -> admitted(client, erin), ZapClient.WAIT, "the directory made again was not read");
    }

    @Test
    void aClosedAuthenticatorTakesNoNewDirectory() {
        auth.close();
        assertThatThrownBy(() -> auth.curve(certs)).isInstanceOf(IllegalStateException.class)
                .hasMessage("authenticator: closed");
    }
}
