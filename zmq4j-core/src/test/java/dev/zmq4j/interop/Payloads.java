package dev.zmq4j.interop;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * The messages the python peer sends and expects ({@code peer.py}'s {@code message()}), made
 * byte for byte the same here. Message {@code i} of a kind is fully determined by {@code i}, so
 * each side checks the other's every byte without shipping the expectation.
 */
final class Payloads {
    /** One frame, {@code "<prefix><i>"}. */
    static final String SEQ = "seq";
    /** Message {@code i} has {@code (i % 64) + 1} frames, every fourth (and some others) empty. */
    static final String MULTIPART = "multipart";
    /** One 16 MiB frame of little-endian 32-bit words {@code i, i+1, i+2, ...}. */
    static final String BIG = "big";
    /**
     * One frame of {@code SIZES[i % 7]} bytes, byte {@code k} being {@code (i + k) & 0xFF}: 0, 1,
     * 222 and 223 (where a CURVE MESSAGE command outgrows a short ZMTP frame), 255, 256, 1 MiB.
     */
    static final String SIZES = "sizes";
    /** The sizes {@link #SIZES} messages cycle through. */
    static final int[] SIZE_CYCLE = {0, 1, 222, 223, 255, 256, 1024 * 1024};

    static final int BIG_SIZE = 16 * 1024 * 1024;

    private Payloads() {
    }

    /** Message {@code i} of {@code kind}, without a prefix. */
    static Message message(String kind, int i) {
        return message(kind, i, "");
    }

    /** Message {@code i} of {@code kind}; {@code prefix} applies to {@link #SEQ} only. */
    static Message message(String kind, int i, String prefix) {
        return switch (kind) {
            case SEQ -> Message.of(prefix + i);
            case MULTIPART -> multipart(i);
            case BIG -> big(i);
            case SIZES -> sized(i);
            default -> throw new IllegalArgumentException("kind: " + kind + " (expected: seq, multipart, big or sizes)");
        };
    }

    private static Message multipart(int i) {
        Frame[] frames = new Frame[i % 64 + 1];
        for (int j = 0; j < frames.length; j++) {
            frames[j] = j % 4 == 1 ? Frame.EMPTY : Frame.of(("m" + i + "f" + j + ";").repeat((i * 7 + j) % 40));
        }
        return Message.of(frames);
    }

    private static Message sized(int i) {
        byte[] bytes = new byte[SIZE_CYCLE[i % SIZE_CYCLE.length]];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) (i + k);
        }
        return Message.of(Frame.wrap(bytes));
    }

    private static Message big(int i) {
        ByteBuffer bytes = ByteBuffer.allocate(BIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        IntBuffer words = bytes.asIntBuffer();
        for (int k = 0; k < BIG_SIZE / 4; k++) {
            words.put(i + k);
        }
        return Message.of(Frame.wrap(bytes.array()));
    }

    /** How {@code got} differs from {@code want}, in a few words; {@code null} if they are equal. */
    static String difference(Message got, Message want) {
        if (got == null) {
            return "nothing (expected: " + want.size() + " frames)";
        }
        if (got.size() != want.size()) {
            return got.size() + " frames (expected: " + want.size() + "): " + abbreviate(got);
        }
        for (int j = 0; j < got.size(); j++) {
            if (!got.frame(j).equals(want.frame(j))) {
                byte[] g = got.frame(j).toByteArray();
                byte[] w = want.frame(j).toByteArray();
                int at = Arrays.mismatch(g, w);
                return "frame " + j + ": " + g.length + " bytes (expected: " + w.length + "), first difference at byte "
                        + at + ": " + Arrays.toString(Arrays.copyOfRange(g, at, Math.min(g.length, at + 16)));
            }
        }
        return null;
    }

    /** A message shown briefly: at most a few frames, each at most a few dozen bytes. */
    static String abbreviate(Message m) {
        StringBuilder b = new StringBuilder("[");
        for (int j = 0; j < Math.min(m.size(), 4); j++) {
            String s = m.frame(j).toUtf8();
            b.append(j > 0 ? ", " : "").append('"').append(s.length() > 40 ? s.substring(0, 40) + "..." : s).append('"');
        }
        return b.append(m.size() > 4 ? ", ... " + m.size() + " frames]" : "]").toString();
    }
}
