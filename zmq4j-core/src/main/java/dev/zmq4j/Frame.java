package dev.zmq4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One frame of a message: an immutable sequence of bytes. Thread-safe.
 */
public final class Frame {
    /** The empty frame, e.g. the REQ/REP envelope delimiter. */
    public static final Frame EMPTY = new Frame(new byte[0]);

    final byte[] data;

    private Frame(byte[] data) {
        this.data = data;
    }

    /** A frame holding a copy of {@code bytes}. */
    public static Frame of(byte[] bytes) {
        return new Frame(bytes.clone());
    }

    /** A frame holding {@code text} in UTF-8. */
    public static Frame of(String text) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A frame that takes ownership of {@code bytes} without copying: the caller must not change
     * the array afterwards.
     */
    public static Frame wrap(byte[] bytes) {
        return new Frame(Objects.requireNonNull(bytes, "bytes"));
    }

    /** The number of bytes. */
    public int size() {
        return data.length;
    }

    /** Whether the frame has no bytes. */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /** The byte at {@code index}. */
    public byte byteAt(int index) {
        return data[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** The bytes decoded as UTF-8. */
    public String toUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** The bytes as UTF-8 text if printable, otherwise as hex. */
    @Override
    public String toString() {
        for (byte b : data) {
            if (b < 0x20 || b == 0x7F) {
                StringBuilder sb = new StringBuilder(data.length * 2 + 2).append("0x");
                for (byte x : data) {
                    sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
                }
                return sb.toString();
            }
        }
        return toUtf8();
    }
}
