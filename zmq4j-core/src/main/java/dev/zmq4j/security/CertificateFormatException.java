package dev.zmq4j.security;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A certificate file that is not what {@link Certificate#load(Path)} expects: broken ZPL, a
 * missing or malformed key, a secret key that does not belong to the public key. The message
 * names the file and, where one line is at fault, the line: {@code "alice.key:7: ..."}.
 */
public final class CertificateFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The 1-based line at fault, or 0 if the fault is not on one line. */
    private final int line;

    /**
     * Creates the exception; its message is {@code file:line: reason} ({@code file: reason} for line 0).
     *
     * @param file   the file that was read
     * @param line   the 1-based line at fault, or 0 if the fault is not on one line
     * @param reason what is wrong, in the form {@code "what: value (expected: ...)"}
     */
    public CertificateFormatException(Path file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
    }

    /** {@return the file that was read} */
    public Path file() {
        return file;
    }

    /** {@return the 1-based line at fault, or 0 if the fault is not on one line (a missing key, say)} */
    public int line() {
        return line;
    }
}
