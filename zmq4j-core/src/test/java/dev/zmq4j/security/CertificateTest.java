package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateTest {
    /** A public key whose Z85 text holds '#' and '=', ZPL's comment and assignment characters. */
    private static final String AWKWARD_KEY = "0000#=abc" + "0".repeat(31);

    @TempDir
    Path dir;

    private static Map<String, String> meta(String... nameValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], nameValues[i + 1]);
        }
        return m;
    }

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void savesAPublicAndASecretFileThatLoadBack() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        Certificate cert = Certificate.of(pair, meta("name", "alice", "email", "alice@example.com"));
        Path pub = dir.resolve("alice.key");

        cert.save(pub);

        Certificate publicCert = Certificate.load(pub);
        assertThat(publicCert.hasSecretKey()).isFalse();
        assertThat(publicCert.publicKey()).containsExactly(pair.publicKey());
        assertThat(publicCert.metadata()).containsExactly(Map.entry("name", "alice"), Map.entry("email", "alice@example.com"));
        assertThat(publicCert).isEqualTo(cert.publicOnly());

        Certificate secretCert = Certificate.load(dir.resolve("alice.key_secret"));
        assertThat(secretCert.keyPair()).contains(pair);
        assertThat(secretCert).isEqualTo(cert);
    }

    @Test
    void writesCzmqsLayout() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        Path pub = dir.resolve("alice");
        Certificate.of(pair, meta("name", "alice")).save(pub);

        List<String> secret = Files.readAllLines(Certificate.secretFile(pub));
        assertThat(secret.get(0)).matches("#   \\*\\*\\*\\*  Generated on \\d{4}-\\d{2}-\\d{2} by zmq4j  \\*\\*\\*\\*");
        assertThat(secret.subList(1, secret.size())).containsExactly(
                "#   ZeroMQ CURVE **Secret** Certificate",
                "#   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.",
                "",
                "metadata",
                "    name = \"alice\"",
                "curve",
                "    public-key = \"" + pair.publicKeyZ85() + "\"",
                "    secret-key = \"" + pair.secretKeyZ85() + "\"");

        List<String> pubLines = Files.readAllLines(pub);
        assertThat(pubLines.get(1)).isEqualTo("#   ZeroMQ CURVE Public Certificate");
        assertThat(pubLines).containsSubsequence("metadata", "    name = \"alice\"", "curve",
                "    public-key = \"" + pair.publicKeyZ85() + "\"");
        assertThat(String.join("\n", pubLines)).doesNotContain("secret-key").doesNotContain(pair.secretKeyZ85());
    }

    @Test
    void theSecretFileIsTheOwnersAlone() throws IOException {
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();
        Path pub = dir.resolve("bob");
        Files.writeString(Certificate.secretFile(pub), "old");
        Files.setPosixFilePermissions(Certificate.secretFile(pub), PosixFilePermissions.fromString("rw-rw-rw-"));

        Certificate.of(CurveKeyPair.generate()).save(pub);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Certificate.secretFile(pub))))
                .isEqualTo("rw-------");
        assertThat(Files.getPosixFilePermissions(pub)).contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ);
    }

    @Test
    void replacesExistingFilesAndLeavesNoTemporaryFiles() throws IOException {
        Path pub = dir.resolve("carol");
        Certificate.of(CurveKeyPair.generate()).save(pub);
        CurveKeyPair second = CurveKeyPair.generate();
        Certificate.of(second).save(pub);

        assertThat(Certificate.load(Certificate.secretFile(pub)).keyPair()).contains(second);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("carol", "carol_secret");
        }
    }

    @Test
    void savePublicWritesNoSecretAndSaveNeedsOne() throws IOException {
        Certificate pubOnly = Certificate.of(CurveKeyPair.generate()).publicOnly();
        assertThatThrownBy(() -> pubOnly.save(dir.resolve("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("secret key: absent");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();

        pubOnly.savePublic(dir.resolve("x"));
        assertThat(Certificate.load(dir.resolve("x"))).isEqualTo(pubOnly);
        assertThat(Files.exists(dir.resolve("x_secret"))).isFalse();
    }

    @Test
    void readsBareAndQuotedValuesCommentsAndCrLf() throws IOException {
        Path f = dir.resolve("mixed");
        Files.writeString(f, String.join("\r\n",
                "#   a comment",
                "",
                "metadata",
                "    name = alice    # a comment after a bare value",
                "    quoted = 'say \"hi\"'",
                "    half = \"not closed",
                "    empty =",
                "    flag",
                "other",
                "    deeper",
                "        x = 1",
                "curve",
                "    public-key = \"" + AWKWARD_KEY + "\"   # '#' and '=' inside the quotes are the key's",
                ""), StandardCharsets.UTF_8);

        Certificate cert = Certificate.load(f);

        assertThat(cert.publicKeyZ85()).isEqualTo(AWKWARD_KEY);
        assertThat(cert.metadata()).containsExactly(
                Map.entry("name", "alice"),
                Map.entry("quoted", "say \"hi\""),
                Map.entry("half", "\"not closed"),
                Map.entry("empty", ""),
                Map.entry("flag", ""));
    }

    @Test
    void roundTripsAKeyHoldingCommentCharacters() throws IOException {
        Certificate cert = Certificate.ofPublicKey(AWKWARD_KEY.getBytes(StandardCharsets.US_ASCII), meta("note", "a # b = c"));
        cert.savePublic(dir.resolve("awkward"));
        assertThat(Certificate.load(dir.resolve("awkward"))).isEqualTo(cert);
    }

    @Test
    void namesFileAndLineOfBrokenZpl() throws IOException {
        String key = "    public-key = \"" + CurveKeyPair.generate().publicKeyZ85() + "\"";
        assertFormatError(file("tab", "curve", "\tpublic-key = x"), 2, "indentation: a tab (expected: 4 spaces per level)");
        assertFormatError(file("three", "curve", "   public-key = x"), 2, "indentation: 3 spaces (expected: a multiple of 4)");
        assertFormatError(file("jump", "curve", "        public-key = x"), 2, "indentation: level 2 (expected: <= 1, at most one level below the line above)");
        assertFormatError(file("name", "curve", "    public key = x"), 2, "after name 'public': 'k' (expected: '=', a comment or the end of the line)");
        assertFormatError(file("start", "curve", key, "\"quoted\" = 1"), 3, "name: starts with '\"' (expected: a letter, digit or one of $-_@.&+/)");
    }

    @Test
    void namesFileAndLineOfMissingOrBadKeys() throws IOException {
        CurveKeyPair pair = CurveKeyPair.generate();
        String pubLine = "    public-key = \"" + pair.publicKeyZ85() + "\"";
        assertFormatError(file("nocurve", "metadata", "    name = x"), 0, "curve section: missing (expected: curve with public-key)");
        assertFormatError(file("nopublic", "# c", "curve", "    secret-key = \"" + pair.secretKeyZ85() + "\""), 2,
                "curve/public-key: missing (expected: 40 Z85 characters)");
        assertFormatError(file("short", "curve", "    public-key = \"" + pair.publicKeyZ85().substring(1) + "\""), 2,
                "public-key: '" + pair.publicKeyZ85().substring(1) + "' (expected: 40 Z85 characters)");
        assertFormatError(file("notz85", "curve", "    public-key = \"" + "~".repeat(40) + "\""), 2,
                "public-key: '" + "~".repeat(40) + "' (expected: 40 Z85 characters)");
        assertFormatError(file("twice", "curve", pubLine, pubLine), 3, "public-key: repeated, first at line 2 (expected: once)");
        CurveKeyPair other = CurveKeyPair.generate();
        assertFormatError(file("mismatch", "curve", pubLine, "    secret-key = \"" + other.secretKeyZ85() + "\""), 3,
                "curve/secret-key: its public key is " + other.publicKeyZ85() + " (expected: public-key " + pair.publicKeyZ85() + ")");
        assertFormatError(file("metatwice", "metadata", "    a = 1", "    a = 2", "curve", pubLine), 3,
                "metadata/a: repeated (expected: once)");

        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {'c', 'u', (byte) 0xFF, '\n'});
        assertFormatError(binary, 0, "content: not UTF-8 text (expected: a ZPL certificate)");
    }

    private static void assertFormatError(Path file, int line, String reason) {
        assertThatThrownBy(() -> Certificate.load(file)).as(file.getFileName().toString())
                .isInstanceOfSatisfying(CertificateFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).isEqualTo(file + (line > 0 ? ":" + line : "") + ": " + reason);
                });
    }

    @Test
    void refusesMetadataThatCannotBeWritten() {
        CurveKeyPair pair = CurveKeyPair.generate();
        assertThatThrownBy(() -> Certificate.of(pair, meta("full name", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata name: 'full name' (expected: one or more letters, digits or $-_@.&+/)");
        assertThatThrownBy(() -> Certificate.of(pair, meta("", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Certificate.of(pair, meta("name", "two\nlines")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value: two?lines (expected: no control characters)");
        assertThatThrownBy(() -> Certificate.of(pair, meta("name", "it's \"x\"")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(expected: at most one kind of quote; ZPL has no escapes)");
    }

    @Test
    void neverShowsTheSecretKey() {
        CurveKeyPair pair = CurveKeyPair.generate();
        Certificate cert = Certificate.of(pair, meta("name", "alice"));
        assertThat(cert.toString())
                .isEqualTo("Certificate{public=" + pair.publicKeyZ85() + ", secret=yes, metadata={name=alice}}")
                .doesNotContain(pair.secretKeyZ85());
        assertThat(cert.publicOnly().toString()).contains("secret=no");
    }

    @Test
    void takesThePublicKeyAsBytesOrZ85() {
        CurveKeyPair pair = CurveKeyPair.generate();
        Certificate fromBytes = Certificate.ofPublicKey(pair.publicKey(), Map.of());
        Certificate fromText = Certificate.ofPublicKey(pair.publicKeyZ85().getBytes(StandardCharsets.US_ASCII), Map.of());
        assertThat(fromBytes).isEqualTo(fromText).hasSameHashCodeAs(fromText);
        assertThat(fromBytes.hasSecretKey()).isFalse();
        assertThat(fromBytes.keyPair()).isEmpty();
        assertThat(Certificate.isSecretFile(Path.of("a_secret"))).isTrue();
        assertThat(Certificate.isSecretFile(Path.of("a.key"))).isFalse();
    }
}
