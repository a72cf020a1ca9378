package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target for certificate files, ZPL text (rfc 4) read by {@link Certificate#load}
 * (docs/RELIABILITY.md, "Fuzzing"): a file in a certificate directory that an authenticator watches
 * is input too.
 */
class CertificateFuzzTest {
    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("zmq4j-cert-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIR.toFile().deleteOnExit();
        for (String name : new String[] {"in", "out", "out_secret"}) {
            DIR.resolve(name).toFile().deleteOnExit();
        }
    }

    /**
     * Any file content: only {@link CertificateFormatException}; a certificate that loads is
     * written back (public, and secret when it has the secret key) and loads again with the same
     * keys and metadata.
     */
    @FuzzTest
    void loadsAnyFile(byte[] content) throws IOException {
        Path file = DIR.resolve("in");
        Files.write(file, content);
        Certificate c;
        try {
            c = Certificate.load(file);
        } catch (CertificateFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Path out = DIR.resolve("out");
        Certificate again;
        if (c.hasSecretKey()) {
            c.save(out);
            again = Certificate.load(Certificate.secretFile(out));
            assertThat(again.keyPair().orElseThrow().secretKey()).isEqualTo(c.keyPair().orElseThrow().secretKey());
        } else {
            c.savePublic(out);
            again = Certificate.load(out);
        }
        assertThat(again.publicKey()).isEqualTo(c.publicKey());
        assertThat(again.metadata()).isEqualTo(c.metadata());
    }
}
