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

    /**
     * {@return a frame holding a copy of {@code bytes}}
     *
     * @param bytes the frame's bytes, copied
     */
    public static Frame of(byte[] bytes) {
        return new Frame(bytes.clone());
    }

    /**
     * {@return a frame holding {@code text} in UTF-8}
     *
     * @param text the frame's text
     */
    public static Frame of(String text) {
        return new Frame(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A frame that takes ownership of {@code bytes} without copying: the caller must not change
     * the array afterwards.
     *
     * @param bytes the frame's bytes, not copied
     * @return the frame
     */
    public static Frame wrap(byte[] bytes) {
        return new Frame(Objects.requireNonNull(bytes, "bytes"));
    }

    /** {@return the number of bytes} */
    public int size() {
        return data.length;
    }

    /** {@return whether the frame has no bytes} */
    public boolean isEmpty() {
        return data.length == 0;
    }

    /**
     * {@return the byte at {@code index}}
     *
     * @param index from 0 to {@link #size()} - 1
     * @throws IndexOutOfBoundsException if {@code index} is outside the frame
     */
    public byte byteAt(int index) {
        return data[index];
    }

    /** {@return a copy of the bytes} */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** {@return a read-only view of the bytes} */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer();
    }

    /** {@return the bytes decoded as UTF-8} */
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

    /** {@return the bytes as UTF-8 text if printable, otherwise as hex} */
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
