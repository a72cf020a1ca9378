package dev.zmq4j.cli.socket;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How a message is written as one line of output ({@code --format}) and how a frame of an input
 * line is read ({@code --input-format}, where JSON is not offered).
 *
 * <ul>
 *   <li>{@code text}: each frame as UTF-8 (malformed bytes become U+FFFD), frames joined by the
 *       separator. A frame holding a newline or the separator cannot be told apart: use another
 *       format for binary data.</li>
 *   <li>{@code json}: a JSON array with one string per frame (UTF-8 decoded, escaped as JSON
 *       requires), e.g. {@code ["topic","hello\tworld"]}; the separator is not used.</li>
 *   <li>{@code hex}: each frame in lower-case hex, joined by the separator.</li>
 *   <li>{@code base64}: each frame in standard base64 with padding, joined by the separator.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public enum Format {
    TEXT, JSON, HEX, BASE64;

    /** Reads {@code --format}/{@code --input-format} in lower case (or any case). */
    static final class Converter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' (expected: text, json, hex or base64)");
            }
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The message as one line (without the line end). */
    public String line(Message message, String separator) {
        StringBuilder b = new StringBuilder();
        if (this == JSON) {
            b.append('[');
        }
        boolean first = true;
        for (Frame f : message) {
            if (!first) {
                b.append(this == JSON ? "," : separator);
            }
            first = false;
            switch (this) {
                case TEXT -> b.append(f.toUtf8());
                case JSON -> jsonString(b, f.toUtf8());
                case HEX -> b.append(HexFormat.of().formatHex(f.toByteArray()));
                case BASE64 -> b.append(Base64.getEncoder().encodeToString(f.toByteArray()));
            }
        }
        if (this == JSON) {
            b.append(']');
        }
        return b.toString();
    }

    /**
     * The bytes of one input frame written in this format.
     *
     * @throws IllegalArgumentException if {@code text} is not valid in this format, or the format
     *                                  is JSON (not an input format)
     */
    public byte[] frame(String text) {
        return switch (this) {
            case TEXT -> text.getBytes(StandardCharsets.UTF_8);
            case HEX -> {
                try {
                    yield HexFormat.of().parseHex(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("frame: '" + abbreviate(text) + "' (expected: hex digits, two per byte)", e);
                }
            }
            case BASE64 -> {
                try {
                    yield Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("frame: '" + abbreviate(text) + "' (expected: base64)", e);
                }
            }
            case JSON -> throw new IllegalArgumentException("input format: json (expected: text, hex or base64)");
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
