package dev.zmq4j.fuzz;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a fuzz target cuts a byte stream into the reads a connection would see: whole, one byte at
 * a time, or at random points, in heap or direct buffers, all chosen by one byte of the fuzz input
 * so that a finding replays exactly.
 *
 * <pre>
 * mode byte: bits 0-1 cutting (0 whole, 1 one byte at a time, 2-3 random cuts seeded by bits 2-7)
 *            bit 7 also: direct buffers (no accessible array, as a socket's read buffer) when set
 * </pre>
 */
public final class Pieces {
    private Pieces() {
    }

    /** {@code data[from..]} cut as {@code mode} says, each piece in its own buffer. */
    public static List<ByteBuffer> cut(byte[] data, int from, int mode) {
        List<ByteBuffer> out = new ArrayList<>();
        boolean direct = (mode & 0x80) != 0;
        int cutting = mode & 0x03;
        SplittableRandom random = new SplittableRandom(mode >>> 2);
        int p = from;
        while (p < data.length) {
            int n = switch (cutting) {
                case 0 -> data.length - p;
                case 1 -> 1;
                default -> 1 + random.nextInt(Math.min(data.length - p, 1 + random.nextInt(300)));
            };
            out.add(buffer(data, p, n, direct));
            p += n;
        }
        return out;
    }

    private static ByteBuffer buffer(byte[] data, int off, int n, boolean direct) {
        if (!direct) {
            // A slice with a non-zero array offset, as a pooled read buffer has.
            byte[] backing = new byte[n + 3];
            System.arraycopy(data, off, backing, 3, n);
            return ByteBuffer.wrap(backing, 3, n).slice();
        }
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        b.put(data, off, n).flip();
        return b;
    }
}
