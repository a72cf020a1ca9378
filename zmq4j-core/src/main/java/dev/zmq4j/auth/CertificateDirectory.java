package dev.zmq4j.auth;

import dev.zmq4j.security.Certificate;
import dev.zmq4j.security.Z85;
import dev.zmq4j.zmtp.Metadata;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CURVE clients a directory of certificates admits, as czmq's {@code zcertstore}: every
 * regular file in it, except secret files (names ending in {@code _secret}) and hidden files
 * (names starting with a dot, such as the temporary files {@link Certificate#save} renames into
 * place), is read as a certificate and its public key admitted. Files that are not certificates
 * are skipped and logged once.
 *
 * <p>The directory is read again when it changes: a {@link WatchService} reports a file created,
 * removed, renamed or modified, and the next {@link #find} reads the directory before answering,
 * so a new file admits its key and a removed one drops it without a restart. Each {@code find}
 * only polls the watch service (no file system access) unless something changed. Where no watch
 * can be kept (the directory was removed, say), every {@code find} reads the directory.
 *
 * <p>Thread-safe: {@link #find} and {@link #close} are serialised.
 */
final class CertificateDirectory implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateDirectory.class);
    /** rfc 37's property names; metadata with other names is not passed on. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,255}");
    /** Properties ZMTP or libzmq already define for a connection; a certificate does not override them. */
    private static final Set<String> RESERVED = Set.of("socket-type", "identity", "resource", "user-id", "peer-address");

    /** An admitted key: the certificate and the ZAP metadata made from it. */
    record Entry(Certificate certificate, byte[] zapMetadata) {
    }

    private final Path dir;
    private final WatchService watcher;
    private final OnceLog once = new OnceLog();
    private WatchKey key;
    private Map<String, Entry> entries = Map.of();
    private boolean closed;

    private CertificateDirectory(Path dir, WatchService watcher) {
        this.dir = dir;
        this.watcher = watcher;
    }

    /**
     * Watches {@code dir} and reads it.
     *
     * @throws NotDirectoryException if {@code dir} is not a directory
     * @throws IOException           if it cannot be read or watched
     */
    static CertificateDirectory open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (expected: a directory of certificate files)");
        }
        WatchService watcher = dir.getFileSystem().newWatchService();
        CertificateDirectory d = new CertificateDirectory(dir, watcher);
        synchronized (d) {
            d.watch();
            if (d.key == null) {
                watcher.close();
                throw new IOException(dir + ": cannot be watched for changes");
            }
            d.entries = d.scan();
        }
        return d;
    }

    /** The directory. */
    Path path() {
        return dir;
    }

    /** The entry of {@code publicKey} (32 bytes), or {@code null} if no certificate has it. */
    synchronized Entry find(byte[] publicKey) {
        if (!closed && changed()) {
            entries = scan();
        }
        return entries.get(Z85.encode(publicKey));
    }

    /** The admitted public keys in Z85, for logs and tests. */
    synchronized Set<String> keys() {
        if (!closed && changed()) {
            entries = scan();
        }
        return Set.copyOf(entries.keySet());
    }

    private void watch() {
        try {
            key = dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | ClosedWatchServiceException e) {
            key = null;
        }
    }

    /** Whether the directory may have changed since the last scan: an event came, or no watch is kept. */
    private boolean changed() {
        boolean changed = false;
        for (WatchKey k = watcher.poll(); k != null; k = watcher.poll()) {
            k.pollEvents();
            changed = true;
            if (!k.reset()) {
                key = null;
            }
        }
        if (key == null || !key.isValid()) {
            watch();
            return true;
        }
        return changed;
    }

    private Map<String, Entry> scan() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path f : stream) {
                String name = f.getFileName().toString();
                if (!name.startsWith(".") && !Certificate.isSecretFile(f) && Files.isRegularFile(f)) {
                    files.add(f);
                }
            }
        } catch (IOException e) {
            if (once.first(dir + " " + e)) {
                LOG.warn("ZAP: certificate directory {} unreadable, admitting no CURVE key: {}", dir, e.toString());
            }
            return Map.of();
        }
        files.sort(null);
        Map<String, Entry> found = new HashMap<>();
        for (Path f : files) {
            try {
                Certificate cert = Certificate.load(f);
                found.putIfAbsent(cert.publicKeyZ85(), new Entry(cert, zapMetadata(cert, f)));
            } catch (IOException e) {
                if (once.first(f + " " + e.getMessage())) {
                    LOG.warn("ZAP: skipping {}: {}", f, e.getMessage());
                }
            }
        }
        LOG.debug("ZAP: {} CURVE keys from {}", found.size(), dir);
        return Map.copyOf(found);
    }

    /** The certificate's metadata as ZMTP properties (UTF-8 values), leaving out names ZMTP cannot carry. */
    private byte[] zapMetadata(Certificate cert, Path file) {
        Map<String, byte[]> props = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        cert.metadata().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // ZMTP names ignore case: of "Name" and "name" only the first is passed on.
            if (PROPERTY_NAME.matcher(name).matches() && !RESERVED.contains(lower) && seen.add(lower)) {
                props.put(name, value.getBytes(StandardCharsets.UTF_8));
            } else if (once.first(file + " metadata " + name)) {
                LOG.info("ZAP: {}: metadata '{}' not passed to connections (reserved, repeated in another case, or not a ZMTP property name)", file, name);
            }
        });
        return Metadata.of(props).encode();
    }

    /** Stops watching. Later {@link #find}s answer from the last reading. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        watcher.close();
    }
}
