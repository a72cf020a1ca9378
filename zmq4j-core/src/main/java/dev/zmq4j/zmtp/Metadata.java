package dev.zmq4j.zmtp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Connection metadata: the properties of a READY (or INITIATE) command. Immutable. Property names
 * are case-insensitive on lookup, as the RFC says.
 *
 * <pre>
 * property = name-size (1 byte) name value-size (4 bytes, network order) value
 * name     = 1*255 of ALPHA DIGIT "-" "_" "." "+"
 * value    = 0 .. 2^31-1 bytes
 * </pre>
 *
 * <p>{@link #decode} follows rfc 37's grammar: a name of 1 to 255 of the characters above, a value
 * size within the data, no byte left over; and, the names being case-insensitive, no name twice in
 * any case (a dictionary with two Socket-Types has no meaning). libzmq is laxer on the last three
 * points: it takes an empty name, any name characters (its ZMQ_METADATA option lets an
 * application send an {@code X-} name with, e.g., a space), and repeated names (the first value
 * is kept as metadata, but the last Identity becomes the routing id, and each Socket-Type is
 * checked).
 */
public final class Metadata {
    /** The peer's socket type, e.g. {@code PUSH}. */
    public static final String SOCKET_TYPE = "Socket-Type";
    /** The peer's routing id (ZMTP calls it Identity). */
    public static final String IDENTITY = "Identity";

    private static final Metadata EMPTY = new Metadata(Map.of());
    private final Map<String, byte[]> properties;

    private Metadata(Map<String, byte[]> properties) {
        this.properties = properties;
    }

    /** rfc 37: {@code name-char = ALPHA | DIGIT | "-" | "_" | "." | "+"}. */
    private static boolean isNameChar(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '+';
    }

    /** Metadata with no properties. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** Metadata holding the given properties, in iteration order. */
    public static Metadata of(Map<String, byte[]> properties) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        properties.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 255) {
                throw new IllegalArgumentException("property name length: " + k.length() + " (expected: 1..255)");
            }
            for (int i = 0; i < k.length(); i++) {
                if (!isNameChar(k.charAt(i))) {
                    throw new IllegalArgumentException("property name: " + k
                            + " (expected: ASCII letters, digits, '-', '_', '.', '+')");
                }
            }
            if (!seen.add(k.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("property name: " + k + " (expected: once; names ignore case)");
            }
            copy.put(k, v.clone());
        });
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /** The value of a property, or {@code null}; the name is matched ignoring case. */
    public byte[] get(String name) {
        for (Map.Entry<String, byte[]> e : properties.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue().clone();
            }
        }
        return null;
    }

    /** The value of a property as ASCII text, or {@code null}. */
    public String getString(String name) {
        byte[] v = get(name);
        return v == null ? null : new String(v, StandardCharsets.US_ASCII);
    }

    /** The properties, in wire order. */
    public Map<String, byte[]> asMap() {
        return properties;
    }

    /** The wire form of the properties. */
    public byte[] encode() {
        int size = 0;
        for (Map.Entry<String, byte[]> e : properties.entrySet()) {
            size += 1 + e.getKey().length() + 4 + e.getValue().length;
        }
        byte[] out = new byte[size];
        int p = 0;
        for (Map.Entry<String, byte[]> e : properties.entrySet()) {
            byte[] n = e.getKey().getBytes(StandardCharsets.US_ASCII);
            byte[] v = e.getValue();
            out[p++] = (byte) n.length;
            System.arraycopy(n, 0, out, p, n.length);
            p += n.length;
            out[p++] = (byte) (v.length >>> 24);
            out[p++] = (byte) (v.length >>> 16);
            out[p++] = (byte) (v.length >>> 8);
            out[p++] = (byte) v.length;
            System.arraycopy(v, 0, out, p, v.length);
            p += v.length;
        }
        return out;
    }

    /**
     * Parses properties from {@code data[offset..]}.
     *
     * @throws ProtocolException if a length runs past the data, a name is empty, has a character
     *                           the RFC does not allow, or comes twice (ignoring case)
     */
    public static Metadata decode(byte[] data, int offset) throws ProtocolException {
        Map<String, byte[]> props = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int p = offset;
        while (p < data.length) {
            int nameSize = data[p++] & 0xFF;
            if (nameSize == 0) {
                throw new ProtocolException("metadata property name size: 0 (expected: 1..255)");
            }
            if (nameSize > data.length - p) {
                throw new ProtocolException("metadata property name size: " + nameSize
                        + " (expected: <= " + (data.length - p) + ", the bytes left)");
            }
            for (int i = p; i < p + nameSize; i++) {
                if (!isNameChar(data[i])) {
                    throw new ProtocolException("metadata property name byte " + (i - p) + ": 0x" + Greeting.hex(data[i])
                            + " in '" + ErrorCommand.printable(data, p, nameSize)
                            + "' (expected: ASCII letter, digit, '-', '_', '.', '+')");
                }
            }
            String name = new String(data, p, nameSize, StandardCharsets.US_ASCII);
            p += nameSize;
            // A set, not a scan of the names so far: a 1 MiB READY can hold 170,000 properties.
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new ProtocolException("metadata property '" + name + "': repeated (expected: once; names ignore case)");
            }
            if (p + 4 > data.length) {
                throw new ProtocolException("metadata property '" + name + "' value size: truncated (expected: 4 bytes)");
            }
            long valueSize = ((data[p] & 0xFFL) << 24) | ((data[p + 1] & 0xFF) << 16)
                    | ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
            p += 4;
            if (valueSize > data.length - p) {
                throw new ProtocolException("metadata property '" + name + "' value size: " + valueSize
                        + " (expected: <= " + (data.length - p) + ")");
            }
            byte[] value = new byte[(int) valueSize];
            System.arraycopy(data, p, value, 0, value.length);
            p += value.length;
            props.put(name, value);
        }
        return new Metadata(Collections.unmodifiableMap(props));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Metadata{");
        properties.forEach((k, v) -> sb.append(k).append('=').append(v.length).append("B "));
        return sb.append('}').toString();
    }
}
