package dev.zmq4j.transport.ipc;

import dev.zmq4j.transport.AddressInUseException;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file of a bound ipc endpoint: where it is, how the bound endpoint is written, and its
 * clean-up. A path left behind by a process that died is taken over; a path where a listener still
 * accepts is in use. Not thread-safe (used by one ipc listener).
 */
final class IpcPath {
    /** {@code S_IFSOCK} in {@code st_mode}. */
    private static final int SOCKET_FILE = 0140000;
    private static final int FILE_TYPE_MASK = 0170000;

    private final Path path;
    private final String address;
    private final Path tempDir;

    private IpcPath(Path path, String address, Path tempDir) {
        this.path = path;
        this.address = address;
        this.tempDir = tempDir;
    }

    /**
     * Prepares {@code address} (a path, or {@code *} for a new one in the temporary directory) for
     * a bind: removes a stale socket file left there.
     *
     * @throws BindException if a listener accepts on that path, or the path is not a socket file
     */
    static IpcPath forBind(String address) throws BindException {
        if (address.equals("*")) {
            try {
                Path dir = Files.createTempDirectory("zmq4j-ipc-");
                Path p = dir.resolve("socket");
                return new IpcPath(p, p.toString(), dir);
            } catch (IOException e) {
                throw bindException("ipc://*: cannot create a directory in " + System.getProperty("java.io.tmpdir"), e);
            }
        }
        Path p = Path.of(address);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            removeStale(p);
        }
        return new IpcPath(p, address, null);
    }

    private static void removeStale(Path p) throws BindException {
        try {
            Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & FILE_TYPE_MASK) != SOCKET_FILE) {
                throw new BindException(p + ": not a socket file");
            }
        } catch (UnsupportedOperationException | IOException e) {
            if (e instanceof BindException be) {
                throw be;
            }
            // Without unix attributes, the connect below still tells a live listener from a stale file.
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(p));
            throw new AddressInUseException(p + ": Address already in use");
        } catch (BindException e) {
            throw e;
        } catch (IOException refused) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw bindException(p + ": cannot remove the stale socket file", e);
            }
        }
    }

    private static BindException bindException(String message, Throwable cause) {
        BindException be = new BindException(message + ": " + cause.getMessage());
        be.initCause(cause);
        return be;
    }

    /** The socket file. */
    Path path() {
        return path;
    }

    /** The bound endpoint, {@code ipc://} and the path as given (or as generated for {@code *}). */
    String endpoint() {
        return "ipc://" + address;
    }

    /** Whether the path was generated for {@code ipc://*}. */
    boolean isGenerated() {
        return tempDir != null;
    }

    /** Removes the socket file (and the directory made for {@code ipc://*}). */
    void remove() {
        try {
            Files.deleteIfExists(path);
            if (tempDir != null) {
                Files.deleteIfExists(tempDir);
            }
        } catch (IOException ignored) {
            // Nothing to do about a file we cannot remove; a later bind takes it over as stale.
        }
    }
}
