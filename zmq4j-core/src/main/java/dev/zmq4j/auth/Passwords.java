package dev.zmq4j.auth;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PLAIN credentials: user names and their passwords, given as a map or read from a file of
 * {@code user=password} lines (czmq's password file; lines starting with {@code #} and blank
 * lines are skipped; blanks around the user name and the password are dropped, so neither may
 * begin or end with one; the password is everything after the first {@code =}). A file is read
 * again when its size, modification time or inode changes, checked on each lookup (one
 * {@code stat}); if it then cannot be read or parsed, every PLAIN request is refused until it is
 * fixed (fail closed), and the problem is logged once.
 *
 * <p>Thread-safe.
 */
final class Passwords {
    private static final Logger LOG = LoggerFactory.getLogger(Passwords.class);

    private final Path file;
    private final OnceLog once = new OnceLog();
    private Map<String, byte[]> table;
    private Object stamp;

    private Passwords(Path file, Map<String, byte[]> table, Object stamp) {
        this.file = file;
        this.table = table;
        this.stamp = stamp;
    }

    /** A fixed table. */
    static Passwords of(Map<String, String> passwords) {
        Map<String, byte[]> table = new HashMap<>();
        passwords.forEach((user, password) -> table.put(Objects.requireNonNull(user, "user"),
                Objects.requireNonNull(password, "password").getBytes(StandardCharsets.UTF_8)));
        return new Passwords(null, Map.copyOf(table), null);
    }

    /**
     * The table in {@code file}, read now and again whenever the file changes.
     *
     * @throws IOException if the file cannot be read, or a line is not {@code user=password}
     *                     (the message names file and line)
     */
    static Passwords file(Path file) throws IOException {
        Object stamp = stamp(file);
        return new Passwords(file, parse(file), stamp);
    }

    /** Whether {@code user} has {@code password} (compared in constant time). */
    synchronized boolean check(String user, byte[] password) {
        refresh();
        byte[] expected = table.get(user);
        // Compare against something even for an unknown user, so timing does not tell users apart.
        boolean match = MessageDigest.isEqual(expected == null ? new byte[0] : expected, password);
        return expected != null && match;
    }

    private void refresh() {
        if (file == null) {
            return;
        }
        Object now;
        try {
            now = stamp(file);
        } catch (IOException e) {
            now = e.toString();
        }
        if (now.equals(stamp)) {
            return;
        }
        stamp = now;
        try {
            table = parse(file);
            LOG.info("ZAP: password file {} reloaded: {} users", file, table.size());
        } catch (IOException e) {
            table = Map.of();
            if (once.first(e.getMessage())) {
                LOG.warn("ZAP: password file unusable, refusing every PLAIN client until it is fixed: {}", e.getMessage());
            }
        }
    }

    /** What identifies a version of the file: its size, modification time and inode. */
    private static Object stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
    }

    private static Map<String, byte[]> parse(Path file) throws IOException {
        Map<String, byte[]> table = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (expected: user=password lines)", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String user = eq < 0 ? "" : line.substring(0, eq).strip();
            // The line itself stays out of the message: it may hold a password.
            if (eq < 0) {
                throw new IOException(file + ":" + (i + 1) + ": no '=' (expected: user=password)");
            }
            if (user.isEmpty()) {
                throw new IOException(file + ":" + (i + 1) + ": empty user name (expected: user=password)");
            }
            table.put(user, line.substring(eq + 1).strip().getBytes(StandardCharsets.UTF_8));
        }
        return Map.copyOf(table);
    }
}
