package dev.zmq4j.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A ZMTP peer written byte by byte on a plain {@link java.net.Socket}, to play peers that zmq4j's own
 * encoder would never produce. The wire layouts are written here from rfc 37 (ZMTP 3.1), not taken
 * from zmq4j's codec, so that a bug shared by encoder and decoder cannot hide.
 *
 * <pre>
 * greeting  = 0xFF 8*0x00 0x7F  major minor  mechanism (20, NUL-padded)  as-server  31*0x00
 * frame     = flags (0x00 | MORE 0x01 | LONG 0x02 | COMMAND 0x04)  size (1 or 8 bytes, BE)  body
 * command   = name-size name data
 * READY     = 0x05 "READY" *(name-size name value-size(4, BE) value)
 * ERROR     = 0x05 "ERROR" reason-size reason
 * </pre>
 *
 * Not thread-safe.
 */
final class RawZmtpPeer implements AutoCloseable {
    static final int GREETING_SIZE = 64;
    static final int FLAG_MORE = 0x01;
    static final int FLAG_LONG = 0x02;
    static final int FLAG_COMMAND = 0x04;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A frame read from zmq4j: its flags and body. */
    record Frame(int flags, byte[] body) {
        boolean isCommand() {
            return (flags & FLAG_COMMAND) != 0;
        }

        /** The command name (the body's name-size-prefixed head). */
        String commandName() {
            return new String(body, 1, body[0] & 0xFF, StandardCharsets.US_ASCII);
        }

        /** The data after the command name. */
        byte[] commandData() {
            int start = 1 + (body[0] & 0xFF);
            return Arrays.copyOfRange(body, start, body.length);
        }
    }

    private RawZmtpPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to a zmq4j endpoint of the form {@code tcp://host:port}. */
    static RawZmtpPeer connect(String endpoint) throws IOException {
        String address = endpoint.substring("tcp://".length());
        int colon = address.lastIndexOf(':');
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), 5000);
        return new RawZmtpPeer(s);
    }

    /** The local port of this connection: how zmq4j names us in its log lines. */
    int localPort() {
        return socket.getLocalPort();
    }

    // ---- the bytes of rfc 37 ----

    /** A ZMTP greeting of the given version and mechanism, as client (as-server = 0). */
    static byte[] greeting(int major, int minor, String mechanism) {
        byte[] g = new byte[GREETING_SIZE];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = (byte) major;
        g[11] = (byte) minor;
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, g, 12, name.length);
        g[32] = 0;
        return g;
    }

    /** The ZMTP 3.1 NULL greeting. */
    static byte[] nullGreeting() {
        return greeting(3, 1, "NULL");
    }

    /** A frame with a short (1-byte) or long (8-byte) size, as the body needs. */
    static byte[] frame(int flags, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (body.length > 255) {
            b.write(flags | FLAG_LONG);
            for (int shift = 56; shift >= 0; shift -= 8) {
                b.write((int) ((long) body.length >>> shift));
            }
        } else {
            b.write(flags);
            b.write(body.length);
        }
        b.writeBytes(body);
        return b.toByteArray();
    }

    /** A READY command frame with one property, {@code Socket-Type}. */
    static byte[] ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        byte[] name = "Socket-Type".getBytes(StandardCharsets.US_ASCII);
        byte[] value = socketType.getBytes(StandardCharsets.US_ASCII);
        body.write(name.length);
        body.writeBytes(name);
        body.write(value.length >>> 24);
        body.write(value.length >>> 16);
        body.write(value.length >>> 8);
        body.write(value.length);
        body.writeBytes(value);
        return frame(FLAG_COMMAND, body.toByteArray());
    }

    /** A READY command frame with the given properties, each a name then its value, in order. */
    static byte[] readyWith(String... namesAndValues) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            byte[] name = namesAndValues[i].getBytes(StandardCharsets.US_ASCII);
            byte[] value = namesAndValues[i + 1].getBytes(StandardCharsets.US_ASCII);
            body.write(name.length);
            body.writeBytes(name);
            body.write(value.length >>> 24);
            body.write(value.length >>> 16);
            body.write(value.length >>> 8);
            body.write(value.length);
            body.writeBytes(value);
        }
        return frame(FLAG_COMMAND, body.toByteArray());
    }

    /** The NULL 3.1 greeting with {@code value} at {@code offset}. */
    static byte[] nullGreetingWith(int offset, int value) {
        byte[] g = nullGreeting();
        g[offset] = (byte) value;
        return g;
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    // ---- the conversation ----

    /** Sends bytes as they are. */
    RawZmtpPeer write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a NULL greeting and a READY of the given socket type (zmq4j's replies are left unread). */
    RawZmtpPeer handshake(String socketType) throws IOException {
        return write(concat(nullGreeting(), ready(socketType)));
    }

    /** Half-closes: zmq4j sees end of stream while we can still read. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /**
     * Reads everything zmq4j sends until it closes the connection.
     *
     * @return the bytes received before end of stream (a connection reset counts as closed too)
     * @throws AssertionError if the connection is still open after {@code timeout}
     */
    byte[] readUntilClosed(Duration timeout) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[8192];
        for (;;) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new AssertionError("connection still open after " + timeout + "; received " + received.size() + " bytes");
            }
            socket.setSoTimeout((int) Math.max(1, leftMillis));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.net.SocketException e) {
                // Closing with our bytes still unread makes the kernel send RST: closed all the same.
                return received.toByteArray();
            }
            if (n < 0) {
                return received.toByteArray();
            }
            received.write(buf, 0, n);
        }
    }

    /** Reads exactly {@code n} bytes, failing if they do not come within {@code timeout}. */
    byte[] readFully(int n, Duration timeout) throws IOException {
        byte[] out = new byte[n];
        long deadline = System.nanoTime() + timeout.toNanos();
        int got = 0;
        while (got < n) {
            long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMillis <= 0) {
                throw new AssertionError("received " + got + " of " + n + " bytes within " + timeout);
            }
            socket.setSoTimeout((int) Math.max(1, leftMillis));
            int r;
            try {
                r = in.read(out, got, n - got);
            } catch (SocketTimeoutException e) {
                continue;
            }
            if (r < 0) {
                throw new AssertionError("connection closed after " + got + " of " + n + " bytes");
            }
            got += r;
        }
        return out;
    }

    /** Reads the next frame (after the greeting has been read), within {@code timeout}. */
    Frame readFrame(Duration timeout) throws IOException {
        int flags = readFully(1, timeout)[0] & 0xFF;
        long size = 0;
        if ((flags & FLAG_LONG) != 0) {
            for (byte b : readFully(8, timeout)) {
                size = (size << 8) | (b & 0xFF);
            }
        } else {
            size = readFully(1, timeout)[0] & 0xFF;
        }
        return new Frame(flags, readFully((int) size, timeout));
    }

    /**
     * Splits what zmq4j sent into its greeting and the frames after it.
     *
     * @throws AssertionError if the bytes are not a greeting followed by whole frames
     */
    static java.util.List<Frame> framesAfterGreeting(byte[] received) {
        if (received.length < GREETING_SIZE) {
            throw new AssertionError("received " + received.length + " bytes (expected: a " + GREETING_SIZE + "-byte greeting)");
        }
        java.util.List<Frame> frames = new java.util.ArrayList<>();
        int p = GREETING_SIZE;
        while (p < received.length) {
            int flags = received[p++] & 0xFF;
            long size;
            if ((flags & FLAG_LONG) != 0) {
                size = 0;
                for (int i = 0; i < 8; i++) {
                    size = (size << 8) | (received[p++] & 0xFF);
                }
            } else {
                size = received[p++] & 0xFF;
            }
            if (p + size > received.length) {
                throw new AssertionError("frame of " + size + " bytes truncated at " + (received.length - p));
            }
            frames.add(new Frame(flags, Arrays.copyOfRange(received, p, (int) (p + size))));
            p += (int) size;
        }
        return frames;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
