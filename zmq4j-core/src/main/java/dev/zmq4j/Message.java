package dev.zmq4j;

import dev.zmq4j.pipe.PeerProperties;
import java.util.Optional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A ØMQ message: one or more frames, delivered whole or not at all. Immutable and thread-safe.
 */
public final class Message implements Iterable<Frame> {
    /**
     * The frames' arrays in the form a pipe carries them: one {@code byte[]} for a single frame,
     * a {@code byte[][]} for several. Never changed, so a message can be sent any number of times
     * and a received one wraps what the pipe delivered, with no copy and no per-frame object.
     */
    private final Object parts;
    /**
     * Views of the frames, made on first use. Volatile so that a thread that sees the array sees
     * its elements; two threads may both make it, which is harmless.
     */
    private volatile Frame[] frames;
    /** The properties of the connection a received message came by (shared, not copied), or {@code null}. */
    private final PeerProperties properties;

    private Message(Object parts, Frame[] frames) {
        this(parts, frames, null);
    }

    private Message(Object parts, Frame[] frames, PeerProperties properties) {
        this.properties = properties;
        if (parts instanceof byte[][] p && p.length == 0) {
            throw new IllegalArgumentException("frames: 0 (expected: >= 1)");
        }
        this.parts = parts;
        this.frames = frames;
    }

    private static Message ofFrames(Frame[] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("frames: 0 (expected: >= 1)");
        }
        if (frames.length == 1) {
            return new Message(frames[0].data, frames);
        }
        byte[][] p = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            p[i] = frames[i].data;
        }
        return new Message(p, frames);
    }

    /**
     * {@return a message of the given frames, in order}
     *
     * @param frames one or more frames
     * @throws IllegalArgumentException if there is no frame
     */
    public static Message of(Frame... frames) {
        return ofFrames(frames.clone());
    }

    /**
     * {@return a message of the given frames, in order}
     *
     * @param frames one or more frames
     * @throws IllegalArgumentException if there is no frame
     */
    public static Message of(List<Frame> frames) {
        return ofFrames(frames.toArray(new Frame[0]));
    }

    /**
     * {@return a message with one frame per array, each copied}
     *
     * @param parts one or more frames' bytes
     * @throws IllegalArgumentException if there is no frame
     */
    public static Message of(byte[]... parts) {
        Frame[] f = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            f[i] = Frame.of(parts[i]);
        }
        return ofFrames(f);
    }

    /**
     * {@return a message with one UTF-8 frame per string}
     *
     * @param parts one or more frames' text
     * @throws IllegalArgumentException if there is no frame
     */
    public static Message of(String... parts) {
        Frame[] f = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            f[i] = Frame.of(parts[i]);
        }
        return ofFrames(f);
    }

    /**
     * Wraps a pipe message ({@code byte[]} or {@code byte[][]}) without copying, with the
     * properties of the connection it came by ({@code null} for none); internal.
     */
    static Message wrapPipeForm(Object pipeMessage, PeerProperties properties) {
        return new Message(pipeMessage, null, properties);
    }

    /**
     * A property of the connection this message was received on (libzmq's {@code zmq_msg_gets}):
     * {@code Socket-Type}, {@code Routing-Id} (where the peer sent one), {@code Peer-Address} (the
     * peer's IP over tcp), {@code User-Id} (where a security mechanism established one), and every
     * property the peer sent in its handshake, such as its application properties ({@code X-*},
     * set there with {@link Option#METADATA}). Names are matched ignoring case. A message built
     * by the application, or received frame by frame, has none.
     *
     * @param name the property's name, e.g. {@code Peer-Address}
     * @return its value, or empty if the connection had no such property
     */
    public Optional<String> property(String name) {
        PeerProperties p = properties;
        return p == null ? Optional.empty() : Optional.ofNullable(p.get(name));
    }

    /** The frames' arrays in pipe form, not copied; internal. */
    Object pipeForm() {
        return parts;
    }

    private Frame[] frameArray() {
        Frame[] f = frames;
        if (f == null) {
            if (parts instanceof byte[] b) {
                f = new Frame[] {Frame.wrap(b)};
            } else {
                byte[][] p = (byte[][]) parts;
                f = new Frame[p.length];
                for (int i = 0; i < p.length; i++) {
                    f[i] = Frame.wrap(p[i]);
                }
            }
            frames = f;
        }
        return f;
    }

    /** {@return the number of frames} */
    public int size() {
        return parts instanceof byte[] ? 1 : ((byte[][]) parts).length;
    }

    /**
     * {@return the frame at {@code index}}
     *
     * @param index from 0 to {@link #size()} - 1
     * @throws IndexOutOfBoundsException if {@code index} is outside the message
     */
    public Frame frame(int index) {
        return frameArray()[index];
    }

    /** {@return the first frame} */
    public Frame first() {
        return frameArray()[0];
    }

    /** {@return the last frame} */
    public Frame last() {
        Frame[] f = frameArray();
        return f[f.length - 1];
    }

    /** {@return the frames as an unmodifiable list} */
    public List<Frame> frames() {
        return Collections.unmodifiableList(Arrays.asList(frameArray()));
    }

    /** {@return the frames decoded as UTF-8 strings} */
    public List<String> toStrings() {
        Frame[] all = frameArray();
        List<String> out = new ArrayList<>(all.length);
        for (Frame f : all) {
            out.add(f.toUtf8());
        }
        return out;
    }

    /** {@return the total number of bytes over all frames} */
    public long byteSize() {
        if (parts instanceof byte[] b) {
            return b.length;
        }
        long n = 0;
        for (byte[] p : (byte[][]) parts) {
            n += p.length;
        }
        return n;
    }

    @Override
    public Iterator<Frame> iterator() {
        return frames().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && Arrays.equals(frameArray(), m.frameArray());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frameArray());
    }

    @Override
    public String toString() {
        return Arrays.toString(frameArray());
    }
}
