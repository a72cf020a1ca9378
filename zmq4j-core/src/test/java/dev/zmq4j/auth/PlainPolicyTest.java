package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** PLAIN: a password table or a password file, read again when it changes. */
@Timeout(60)
class PlainPolicyTest {
    private final Context ctx = new Context();
    private Authenticator auth;
    private ZapClient client;

    @TempDir
    Path dir;

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

    @Test
    void admitsAKnownUserWithItsPasswordAndNamesTheUser() {
        auth.plain(Map.of("admin", "secret", "guest", "guest"));

        ZapClient.Reply ok = client.plain("admin", "secret");
        assertThat(ok.status()).isEqualTo("200");
        assertThat(ok.text()).isEqualTo("OK");
        assertThat(ok.userId()).isEqualTo("admin");
        assertThat(ok.metadata()).isEmpty();
        assertThat(client.plain("guest", "guest").userId()).isEqualTo("guest");
    }

    @Test
    void refusesAWrongPasswordAnUnknownUserAndAnotherUsersPassword() {
        auth.plain(Map.of("admin", "secret", "guest", "guest"));

        for (String[] up : new String[][] {{"admin", "Secret"}, {"admin", ""}, {"admin", "secretx"}, {"nobody", "secret"}, {"admin", "guest"}}) {
            ZapClient.Reply r = client.plain(up[0], up[1]);
            assertThat(r.status()).as(up[0] + "/" + up[1]).isEqualTo("400");
            assertThat(r.text()).isEqualTo("wrong user name or password");
            assertThat(r.userId()).isEmpty();
        }
    }

    @Test
    void readsAPasswordFileWithCommentsAndBlankLines() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "# users\n\nadmin=secret\n  guest = a=b  \n#root=root\n");

        auth.plain(file);

        assertThat(client.plain("admin", "secret").status()).isEqualTo("200");
        assertThat(client.plain("guest", "a=b").status()).as("password after the first '='").isEqualTo("200");
        assertThat(client.plain("root", "root").status()).as("commented out").isEqualTo("400");
        assertThat(client.plain("#root", "root").status()).isEqualTo("400");
    }

    @Test
    void rereadsThePasswordFileWhenItChanges() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "admin=secret\n");
        auth.plain(file);
        assertThat(client.plain("admin", "secret").status()).isEqualTo("200");
        assertThat(client.plain("bob", "builder").status()).isEqualTo("400");

        Files.writeString(file, "bob=builder\n");

        Await.until(() -> client.plain("bob", "builder").status().equals("200"), ZapClient.WAIT,
                "the added user was not admitted without a restart");
        assertThat(client.plain("admin", "secret").status()).as("the removed user").isEqualTo("400");
    }

    @Test
    void refusesEveryoneWhileThePasswordFileIsBroken() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "admin=secret\n");
        auth.plain(file);

        Files.writeString(file, "admin=secret\nno equals sign here\n");
        Await.until(() -> client.plain("admin", "secret").status().equals("400"), ZapClient.WAIT,
                "a broken file still admitted users");

        Files.writeString(file, "admin=secret\n");
        Await.until(() -> client.plain("admin", "secret").status().equals("200"), ZapClient.WAIT,
                "the fixed file did not admit the user again");
    }

    @Test
    void refusesABrokenFileAtOnceNamingTheLineButNotItsText() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "# ok\nadmin=secret\nalice hunter2\n");
        assertThatThrownBy(() -> auth.plain(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ":3: no '=' (expected: user=password)")
                .hasMessageNotContaining("hunter2");

        Files.writeString(file, "=secret\n");
        assertThatThrownBy(() -> auth.plain(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ":1: empty user name (expected: user=password)");

        assertThatThrownBy(() -> auth.plain(dir.resolve("missing"))).isInstanceOf(IOException.class);
        assertThat(client.plain("admin", "secret").text()).as("no policy was set").isEqualTo("PLAIN not configured");
    }

    @Test
    void aTableReplacesAFileAndAFileATable() throws IOException {
        Path file = dir.resolve("passwords");
        Files.writeString(file, "fromfile=1\n");
        auth.plain(file);
        auth.plain(Map.of("fromtable", "2"));
        assertThat(client.plain("fromfile", "1").status()).isEqualTo("400");
        assertThat(client.plain("fromtable", "2").status()).isEqualTo("200");

        auth.plain(file);
        assertThat(client.plain("fromfile", "1").status()).isEqualTo("200");
        assertThat(client.plain("fromtable", "2").status()).isEqualTo("400");
    }
}
