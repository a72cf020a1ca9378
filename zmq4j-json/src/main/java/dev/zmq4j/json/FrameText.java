package dev.zmq4j.json;

import dev.zmq4j.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How an exception shows a frame: {@code frame 1 (5 bytes: "hello")}, its first characters as
 * UTF-8 with quotes, backslashes, control characters and undecodable bytes escaped, so that a
 * binary or huge frame still makes a one-line message. Stateless; thread-safe.
 */
final class FrameText {
    /** How many characters of a frame a message shows. */
    static final int PREVIEW_CHARS = 60;
    /** UTF-8 takes at most 4 bytes per code point: enough bytes for the preview's characters. */
    private static final int PREVIEW_BYTES = PREVIEW_CHARS * 4;

    private FrameText() {
    }

    /** {@code frame INDEX (SIZE bytes: "PREVIEW")}, with {@code ...} after the quote if cut short. */
    static String describe(int index, Frame frame) {
        return "frame " + index + " (" + frame.size() + (frame.size() == 1 ? " byte: " : " bytes: ")
                + preview(frame) + ")";
    }

    /** The frame's first {@link #PREVIEW_CHARS} characters, quoted and escaped. */
    static String preview(Frame frame) {
        ByteBuffer buffer = frame.asReadOnlyBuffer();
        byte[] head = new byte[Math.min(buffer.remaining(), PREVIEW_BYTES)];
        buffer.get(head);
        String text = new String(head, StandardCharsets.UTF_8);
        boolean cut = head.length < frame.size() || text.length() > PREVIEW_CHARS;
        if (text.length() > PREVIEW_CHARS) {
            text = text.substring(0, PREVIEW_CHARS);
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            escape(text.charAt(i), out);
        }
        out.append('"');
        return cut ? out.append("...").toString() : out.toString();
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                // U+FFFD stands for bytes that are not UTF-8: show it escaped, as it is not in the frame.
                if (Character.isISOControl(c) || c == '\uFFFD' || Character.isSurrogate(c)) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }
}
