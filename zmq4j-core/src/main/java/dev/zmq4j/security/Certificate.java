package dev.zmq4j.security;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CURVE certificate as czmq keeps it on disk: a public key, optionally its secret key, and
 * metadata (name-value text, e.g. {@code name = "alice"}). The file format is ZPL (rfc 4):
 *
 * <pre>
 * #   ****  Generated on 2026-01-01 by zmq4j  ****
 * #   ZeroMQ CURVE **Secret** Certificate
 * #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.
 *
 * metadata
 *     name = "alice"
 * curve
 *     public-key = "&lt;40 Z85 characters&gt;"
 *     secret-key = "&lt;40 Z85 characters&gt;"
 * </pre>
 *
 * <p>{@link #save(Path) save(FILE)} writes two files, as czmq's {@code zcert_save} does:
 * {@code FILE} with the public key only, to hand out, and {@code FILE_secret} with both keys, to
 * keep; both carry the metadata. Each is written to a temporary file in the same directory and
 * renamed into place, so a reader (an authenticator watching the directory, say) never sees
 * half a file; the temporary file's name starts with a dot. {@link #load(Path)} reads exactly the file it is given:
 * load {@link #secretFile(Path) FILE_secret} for the key pair.
 *
 * <p>Immutable and thread-safe; key accessors return copies. {@link #toString()} never shows the
 * secret key.
 */
public final class Certificate {
    private static final String PUBLIC_BANNER = """
            #   ****  Generated on %s by zmq4j  ****
            #   ZeroMQ CURVE Public Certificate
            #   Exchange securely, or use a secure mechanism to verify the contents
            #   of this file after exchange.

            """;
    private static final String SECRET_BANNER = """
            #   ****  Generated on %s by zmq4j  ****
            #   ZeroMQ CURVE **Secret** Certificate
            #   DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.

            """;
    private static final String SECRET_SUFFIX = "_secret";

    private final byte[] publicKey;
    private final CurveKeyPair keyPair;
    private final Map<String, String> metadata;

    private Certificate(byte[] publicKey, CurveKeyPair keyPair, Map<String, String> metadata) {
        this.publicKey = publicKey;
        this.keyPair = keyPair;
        this.metadata = metadata;
    }

    /**
     * {@return a certificate of {@code keyPair} without metadata}
     *
     * @param keyPair the keys
     */
    public static Certificate of(CurveKeyPair keyPair) {
        return of(keyPair, Map.of());
    }

    /**
     * A certificate of {@code keyPair} with {@code metadata} (kept in iteration order).
     *
     * @param keyPair  the keys
     * @param metadata names and values, e.g. {@code name=alice}
     * @return the certificate
     * @throws IllegalArgumentException if a name is not a ZPL name (letters, digits,
     *                                  {@code $-_@.&+/}) or a value cannot be written to a file
     *                                  (a control character, or both kinds of quote)
     */
    public static Certificate of(CurveKeyPair keyPair, Map<String, String> metadata) {
        return new Certificate(keyPair.publicKey(), keyPair, checked(metadata));
    }

    /**
     * A public certificate: {@code publicKey} as 32 bytes or 40 Z85 characters in ASCII.
     *
     * @param publicKey the public key
     * @param metadata  names and values, e.g. {@code name=alice}
     * @return the certificate, without a secret key
     * @throws IllegalArgumentException if the key is neither, or the metadata as in
     *                                  {@link #of(CurveKeyPair, Map)}
     */
    public static Certificate ofPublicKey(byte[] publicKey, Map<String, String> metadata) {
        return new Certificate(Z85.key(publicKey), null, checked(metadata));
    }

    private static Map<String, String> checked(Map<String, String> metadata) {
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((name, value) -> {
            if (!Zpl.isName(name)) {
                throw new IllegalArgumentException("metadata name: '" + name
                        + "' (expected: one or more letters, digits or $-_@.&+/)");
            }
            Zpl.quote(value);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** {@return the public key, 32 bytes (a copy)} */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@return the public key as 40 Z85 characters} */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** {@return whether this certificate holds the secret key too} */
    public boolean hasSecretKey() {
        return keyPair != null;
    }

    /** {@return the key pair, if this certificate holds the secret key} */
    public Optional<CurveKeyPair> keyPair() {
        return Optional.ofNullable(keyPair);
    }

    /** {@return the metadata, in file order; unmodifiable} */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** {@return this certificate without its secret key} */
    public Certificate publicOnly() {
        return keyPair == null ? this : new Certificate(publicKey, null, metadata);
    }

    /**
     * {@return the secret file that {@link #save(Path)} writes next to {@code publicFile}: {@code publicFile_secret}}
     *
     * @param publicFile the public certificate's file
     */
    public static Path secretFile(Path publicFile) {
        return publicFile.resolveSibling(publicFile.getFileName() + SECRET_SUFFIX);
    }

    /**
     * {@return whether {@code file}'s name is that of a secret file (it ends in {@code _secret}, see {@link #secretFile(Path)})}
     *
     * @param file any file
     */
    public static boolean isSecretFile(Path file) {
        return file.getFileName().toString().endsWith(SECRET_SUFFIX);
    }

    // ---- reading ----

    /**
     * Reads a certificate file: the keys from its {@code curve} section ({@code public-key},
     * required; {@code secret-key}, optional), the metadata from its {@code metadata} section;
     * other sections are ignored. Files written by czmq, pyzmq and {@link #save} are read alike.
     *
     * @param file a public or a secret certificate file
     * @return the certificate, with the secret key if the file held one
     * @throws CertificateFormatException if the file is not ZPL text, a key is missing, repeated
     *                                    or not 40 Z85 characters, or the secret key's public key
     *                                    is not the public key; the message names file and line
     * @throws IOException                if the file cannot be read
     */
    public static Certificate load(Path file) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new CertificateFormatException(file, 0, "content: not UTF-8 text (expected: a ZPL certificate)");
        }
        List<Zpl.Node> roots = Zpl.parse(text, file);
        Zpl.Node curve = single(roots, "curve", file);
        if (curve == null) {
            throw new CertificateFormatException(file, 0, "curve section: missing (expected: curve with public-key)");
        }
        Zpl.Node pub = single(curve.children, "public-key", file);
        if (pub == null) {
            throw new CertificateFormatException(file, curve.line, "curve/public-key: missing (expected: 40 Z85 characters)");
        }
        byte[] publicKey = key(pub, file);
        Zpl.Node sec = single(curve.children, "secret-key", file);
        CurveKeyPair pair = null;
        if (sec != null) {
            pair = CurveKeyPair.fromSecretKey(key(sec, file));
            if (!Arrays.equals(pair.publicKey(), publicKey)) {
                throw new CertificateFormatException(file, sec.line, "curve/secret-key: its public key is "
                        + pair.publicKeyZ85() + " (expected: public-key " + Z85.encode(publicKey) + ")");
            }
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Zpl.Node meta = single(roots, "metadata", file);
        if (meta != null) {
            for (Zpl.Node m : meta.children) {
                if (metadata.containsKey(m.name)) {
                    throw new CertificateFormatException(file, m.line, "metadata/" + m.name + ": repeated (expected: once)");
                }
                String value = m.value == null ? "" : m.value;
                try {
                    Zpl.quote(value);
                } catch (IllegalArgumentException e) {
                    throw new CertificateFormatException(file, m.line, "metadata/" + m.name + ": " + e.getMessage());
                }
                metadata.put(m.name, value);
            }
        }
        return new Certificate(publicKey, pair, Collections.unmodifiableMap(metadata));
    }

    private static Zpl.Node single(List<Zpl.Node> nodes, String name, Path file) throws CertificateFormatException {
        Zpl.Node found = null;
        for (Zpl.Node n : nodes) {
            if (n.name.equals(name)) {
                if (found != null) {
                    throw new CertificateFormatException(file, n.line, name + ": repeated, first at line "
                            + found.line + " (expected: once)");
                }
                found = n;
            }
        }
        return found;
    }

    private static byte[] key(Zpl.Node node, Path file) throws CertificateFormatException {
        String value = node.value == null ? "" : node.value;
        if (value.length() != 40 || !Z85.isValid(value)) {
            throw new CertificateFormatException(file, node.line, node.name + ": '" + value
                    + "' (expected: 40 Z85 characters)");
        }
        return Z85.decode(value);
    }

    // ---- writing ----

    /**
     * Writes {@code publicFile} (the public key and the metadata) and
     * {@link #secretFile(Path) publicFile_secret} (both keys and the metadata), replacing either
     * if it exists. The secret file is readable and writable by its owner only where the file
     * system has POSIX permissions (from its creation on, not set afterwards).
     *
     * @param publicFile the public certificate's file; the secret one is named after it
     * @throws IllegalStateException if this certificate has no secret key (use {@link #savePublic})
     * @throws IOException           if a file cannot be written
     */
    public void save(Path publicFile) throws IOException {
        if (keyPair == null) {
            throw new IllegalStateException("secret key: absent (expected: a key pair; savePublic writes a public certificate)");
        }
        savePublic(publicFile);
        write(secretFile(publicFile), String.format(SECRET_BANNER, LocalDate.now()) + body(true), true);
    }

    /**
     * Writes the public certificate only (public key and metadata) to {@code file}, replacing it
     * if it exists.
     *
     * @param file the file to write
     * @throws IOException if the file cannot be written
     */
    public void savePublic(Path file) throws IOException {
        write(file, String.format(PUBLIC_BANNER, LocalDate.now()) + body(false), false);
    }

    private String body(boolean withSecret) {
        StringBuilder sb = new StringBuilder("metadata\n");
        metadata.forEach((name, value) -> sb.append("    ").append(name).append(" = ").append(Zpl.quote(value)).append('\n'));
        sb.append("curve\n");
        sb.append("    public-key = \"").append(publicKeyZ85()).append("\"\n");
        if (withSecret) {
            sb.append("    secret-key = \"").append(keyPair.secretKeyZ85()).append("\"\n");
        }
        return sb.toString();
    }

    /** Writes a temporary file beside {@code file} (a hidden name), then renames it into place. */
    private static void write(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        FileStore store = Files.getFileStore(dir);
        FileAttribute<?>[] attrs = store.supportsFileAttributeView(PosixFileAttributeView.class)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))}
                : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // ---- values ----

    /**
     * {@return whether {@code o} is a certificate with equal keys (public, and secret if any) and metadata}
     *
     * @param o any object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Certificate other
                && Arrays.equals(publicKey, other.publicKey)
                && java.util.Objects.equals(keyPair, other.keyPair)
                && metadata.equals(other.metadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey) * 31 + metadata.hashCode();
    }

    /** {@return {@code Certificate{public=<Z85>, secret=yes|no, metadata={...}}}: never the secret key itself} */
    @Override
    public String toString() {
        return "Certificate{public=" + publicKeyZ85() + ", secret=" + (keyPair != null ? "yes" : "no")
                + ", metadata=" + metadata + "}";
    }
}
