package dev.zmq4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A man in the middle for one tcp connection: forwards the server's bytes as they come and the
 * client's frame by frame, doing {@link Tamper} to the client's {@code target}-th MESSAGE command
 * (CURVE's boxed frames, counted from 0). It takes one connection only, so a client cannot get
 * past it by reconnecting.
 */
final class TamperingRelay implements AutoCloseable {
    /** What the relay does to the target MESSAGE. */
    enum Tamper {
        /** Flips one bit inside the box. */
        FLIP,
        /** Forwards it, then forwards it again. */
        REPLAY,
        /** Does not forward it. */
        DROP,
        /** Holds it back and forwards it after the next one. */
        SWAP
    }

    private static final byte[] MESSAGE = "\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII);
    private final ServerSocket listener;
    private final int serverPort;
    private final Tamper tamper;
    private final int target;
    private final Thread thread;
    private volatile Socket client;
    private volatile Socket server;

    TamperingRelay(String serverEndpoint, Tamper tamper, int target) throws IOException {
        this.serverPort = Integer.parseInt(serverEndpoint.substring(serverEndpoint.lastIndexOf(':') + 1));
        this.tamper = tamper;
        this.target = target;
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::run, "tampering-relay");
        thread.setDaemon(true);
        thread.start();
    }

    String endpoint() {
        return "tcp://127.0.0.1:" + listener.getLocalPort();
    }

    private void run() {
        try {
            client = listener.accept();
            listener.close();
            server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            Thread back = new Thread(() -> copy(server, client), "tampering-relay-back");
            back.setDaemon(true);
            back.start();
            forwardFrames(new DataInputStream(client.getInputStream()), server.getOutputStream());
        } catch (IOException e) {
            // a side closed: the relay is done
        } finally {
            closeQuietly();
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // a side closed
        }
    }

    private void forwardFrames(DataInputStream in, OutputStream out) throws IOException {
        byte[] greeting = in.readNBytes(64);
        out.write(greeting);
        int messages = 0;
        byte[] held = null;
        while (true) {
            byte[] frame = readFrame(in);
            boolean isMessage = isMessage(frame);
            if (!isMessage || messages != target) {
                out.write(frame);
                if (held != null) {
                    out.write(held);
                    held = null;
                }
            } else {
                switch (tamper) {
                    case FLIP -> {
                        byte[] f = frame.clone();
                        f[f.length - 1] ^= 0x01;
                        out.write(f);
                    }
                    case REPLAY -> {
                        out.write(frame);
                        out.write(frame);
                    }
                    case DROP -> { }
                    case SWAP -> held = frame;
                }
            }
            out.flush();
            if (isMessage) {
                messages++;
            }
        }
    }

    /** One whole frame: flags, size, body. */
    private static byte[] readFrame(DataInputStream in) throws IOException {
        int flags = in.readUnsignedByte();
        boolean large = (flags & 0x02) != 0;
        long size = large ? in.readLong() : in.readUnsignedByte();
        byte[] body = in.readNBytes((int) size);
        int header = large ? 9 : 2;
        byte[] frame = new byte[header + body.length];
        frame[0] = (byte) flags;
        if (large) {
            for (int i = 0; i < 8; i++) {
                frame[1 + i] = (byte) (size >>> (56 - 8 * i));
            }
        } else {
            frame[1] = (byte) size;
        }
        System.arraycopy(body, 0, frame, header, body.length);
        return frame;
    }

    private static boolean isMessage(byte[] frame) {
        int header = (frame[0] & 0x02) != 0 ? 9 : 2;
        return frame.length >= header + MESSAGE.length
                && Arrays.equals(frame, header, header + MESSAGE.length, MESSAGE, 0, MESSAGE.length);
    }

    private void closeQuietly() {
        for (AutoCloseable c : new AutoCloseable[] {listener, client, server}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
