package dev.zmq4j;

import dev.zmq4j.transport.Transports;
import dev.zmq4j.transport.inproc.InprocTransport;
import dev.zmq4j.transport.ipc.IpcTransport;
import dev.zmq4j.transport.stream.NettyIo;
import dev.zmq4j.transport.tcp.TcpTransport;
import dev.zmq4j.zmtp.Zap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container of sockets and of the I/O threads that serve them. Create one per process (or
 * per independent component) and close it last.
 *
 * <p>Thread-safe. {@link #close()} closes every socket still open (each after its LINGER) and
 * stops the I/O threads; threads blocked in those sockets get
 * {@link ZmqException.ContextClosedException}. I/O threads are daemon threads.
 */
public final class Context implements AutoCloseable {
    private final NettyIo io;
    private final Transports transports;
    private final InprocTransport inproc = new InprocTransport();
    private volatile ZapClient zap;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Netty's pooled allocator registers its JFR events with the flight recorder when it makes its
     * first chunk, which initialises JFR's metadata on the I/O thread during the first read:
     * ~150 ms added to the first message of every process (measured: first REQ/REP round trip
     * 250-300 ms -> 115 ms). Those events are recorded only by a JFR recording that enables them;
     * unless the application chose ({@code -Dio.netty.jfr.enabled=true}), they are switched off
     * before Netty reads the property. It has no effect if Netty was initialised earlier.
     */
    private static final String NETTY_JFR = "io.netty.jfr.enabled";

    static {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    /** A context with one I/O thread, as libzmq's default. */
    public Context() {
        this(1);
    }

    /**
     * A context with {@code ioThreads} I/O threads.
     *
     * @param ioThreads the number of I/O threads (Netty event loops) serving this context's sockets
     * @throws IllegalArgumentException if {@code ioThreads < 1}
     */
    public Context(int ioThreads) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
        }
        this.io = new NettyIo(ioThreads);
        // One entry per scheme: a new transport is one more entry here.
        this.transports = new Transports(List.of(new TcpTransport(io), new IpcTransport(io), inproc));
    }

    /**
     * Creates a socket.
     *
     * @param type the socket's type
     * @return the socket, open; close it, or close the context
     * @throws ZmqException.ContextClosedException if the context is closed
     */
    public Socket socket(SocketType type) {
        if (closed) {
            throw new ZmqException.ContextClosedException("context: closed");
        }
        Socket s = new Socket(this, type);
        sockets.add(s);
        if (closed) {
            s.close();
            throw new ZmqException.ContextClosedException("context: closed");
        }
        return s;
    }

    /** {@return whether {@link #close()} was called} */
    public boolean isClosed() {
        return closed;
    }

    /** {@return whether the native epoll transport is in use (otherwise NIO)} */
    public boolean isNativeTransport() {
        return io.isNative();
    }

    /** Closes every open socket (after its LINGER) and stops the I/O threads. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Socket> open = new ArrayList<>(sockets);
        for (Socket s : open) {
            s.close();
        }
        io.shutdown(2000);
    }

    Transports transports() {
        return transports;
    }

    /** The client of the ZAP handler bound on {@code inproc://zeromq.zap.01}, made on first use. */
    Zap zap() {
        ZapClient z = zap;
        if (z == null) {
            synchronized (this) {
                z = zap;
                if (z == null) {
                    z = new ZapClient(this, inproc);
                    zap = z;
                }
            }
        }
        return z;
    }

    void forget(Socket s) {
        sockets.remove(s);
    }
}
