package dev.zmq4j.fuzz;

import java.util.Arrays;

/**
 * A fuzz input read front to back as a script of small choices and byte strings. Unlike Jazzer's
 * {@code FuzzedDataProvider} it can be read again from the start (a target that re-runs an input)
 * and its layout is plain, so seed files are easy to write by hand. Past the end every choice is
 * 0. Not thread-safe.
 */
public final class Script {
    private final byte[] input;
    private int position;

    public Script(byte[] input) {
        this.input = input;
    }

    /** Whether unread bytes remain. */
    public boolean more() {
        return position < input.length;
    }

    /** The next byte, 0..255 (0 past the end). */
    public int next() {
        return position < input.length ? input[position++] & 0xFF : 0;
    }

    /** The next {@code n} bytes, fewer at the end. */
    public byte[] take(int n) {
        int end = (int) Math.min((long) position + n, input.length);
        byte[] out = Arrays.copyOfRange(input, position, end);
        position = end;
        return out;
    }

    /** Every unread byte. */
    public byte[] rest() {
        return take(input.length - position);
    }
}
