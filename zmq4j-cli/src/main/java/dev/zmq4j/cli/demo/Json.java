package dev.zmq4j.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demos' JSON: flat objects whose values are strings, integers or booleans, written and read
 * by hand so that zmq4j needs no JSON library. Not a general JSON parser: nested values, arrays,
 * fractions and escapes other than {@code \"} and {@code \\} are refused. Stateless, thread-safe.
 */
public final class Json {
    private Json() {
    }

    /** {@code {"k1": v1, "k2": v2}} from alternating keys and values, e.g. {@code object("pid", 42)}. */
    public static String object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keysAndValues: " + keysAndValues.length + " (expected: an even count)");
        }
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                b.append(", ");
            }
            string(b, String.valueOf(keysAndValues[i])).append(": ");
            Object v = keysAndValues[i + 1];
            if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                string(b, String.valueOf(v));
            }
        }
        return b.append('}').toString();
    }

    private static StringBuilder string(StringBuilder b, String s) {
        return b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    /**
     * Reads a flat object written as {@link #object} writes it: strings as {@code String},
     * integers as {@code Long}, {@code true}/{@code false} as {@code Boolean}, in order.
     *
     * @throws IllegalArgumentException if {@code text} is not such an object
     */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Reader r = new Reader(text);
        r.expect('{');
        if (!r.skip('}')) {
            do {
                String key = r.string();
                r.expect(':');
                fields.put(key, r.value());
            } while (r.skip(','));
            r.expect('}');
        }
        r.end();
        return fields;
    }

    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        private void blanks() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        boolean skip(char c) {
            blanks();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!skip(c)) {
                throw error("'" + c + "'");
            }
        }

        void end() {
            blanks();
            if (at != text.length()) {
                throw error("the end");
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (at < text.length() && text.charAt(at) != '"') {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\\')) {
                    c = text.charAt(at++);
                } else if (c == '\\') {
                    throw error("\\\" or \\\\");
                }
                b.append(c);
            }
            expect('"');
            return b.toString();
        }

        Object value() {
            blanks();
            if (at < text.length() && text.charAt(at) == '"') {
                return string();
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '-')) {
                at++;
            }
            String word = text.substring(start, at);
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            try {
                return Long.valueOf(word);
            } catch (NumberFormatException e) {
                at = start;
                throw error("a string, an integer, true or false");
            }
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("json: " + text + " at " + at + " (expected: " + expected + ")");
        }
    }
}
