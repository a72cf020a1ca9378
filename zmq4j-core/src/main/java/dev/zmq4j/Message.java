package dev.zmq4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * A ØMQ message: one or more frames, delivered whole or not at all. Immutable and thread-safe.
 */
public final class Message implements Iterable<Frame> {
    private final Frame[] frames;

    private Message(Frame[] frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("frames: 0 (expected: >= 1)");
        }
        this.frames = frames;
    }

    /** A message of the given frames, in order. */
    public static Message of(Frame... frames) {
        return new Message(frames.clone());
    }

    /** A message of the given frames, in order. */
    public static Message of(List<Frame> frames) {
        return new Message(frames.toArray(new Frame[0]));
    }

    /** A message with one frame per array, each copied. */
    public static Message of(byte[]... parts) {
        Frame[] f = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            f[i] = Frame.of(parts[i]);
        }
        return new Message(f);
    }

    /** A message with one UTF-8 frame per string. */
    public static Message of(String... parts) {
        Frame[] f = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            f[i] = Frame.of(parts[i]);
        }
        return new Message(f);
    }

    /** Wraps wire frames without copying; internal. */
    static Message wrapParts(byte[][] parts) {
        Frame[] f = new Frame[parts.length];
        for (int i = 0; i < parts.length; i++) {
            f[i] = Frame.wrap(parts[i]);
        }
        return new Message(f);
    }

    /** The frames' byte arrays, not copied; internal. */
    byte[][] parts() {
        byte[][] p = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            p[i] = frames[i].data;
        }
        return p;
    }

    /** The number of frames. */
    public int size() {
        return frames.length;
    }

    /** The frame at {@code index}. */
    public Frame frame(int index) {
        return frames[index];
    }

    /** The first frame. */
    public Frame first() {
        return frames[0];
    }

    /** The last frame. */
    public Frame last() {
        return frames[frames.length - 1];
    }

    /** The frames as an unmodifiable list. */
    public List<Frame> frames() {
        return Collections.unmodifiableList(Arrays.asList(frames));
    }

    /** The frames decoded as UTF-8 strings. */
    public List<String> toStrings() {
        List<String> out = new ArrayList<>(frames.length);
        for (Frame f : frames) {
            out.add(f.toUtf8());
        }
        return out;
    }

    /** The total number of bytes over all frames. */
    public long byteSize() {
        long n = 0;
        for (Frame f : frames) {
            n += f.size();
        }
        return n;
    }

    @Override
    public Iterator<Frame> iterator() {
        return frames().iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && Arrays.equals(frames, m.frames);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(frames);
    }

    @Override
    public String toString() {
        return Arrays.toString(frames);
    }
}
