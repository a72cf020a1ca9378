package dev.zmq4j.zmtp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection metadata: the properties of a READY (or INITIATE) command. Immutable. Property names
 * are case-insensitive on lookup, as the RFC says.
 *
 * <pre>
 * property = name-size (1 byte) name value-size (4 bytes, network order) value
 * </pre>
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

    /** Metadata with no properties. */
    public static Metadata empty() {
        return EMPTY;
    }

    /** Metadata holding the given properties, in iteration order. */
    public static Metadata of(Map<String, byte[]> properties) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 255) {
                throw new IllegalArgumentException("property name length: " + k.length() + " (expected: 1..255)");
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
     * @throws ProtocolException if a length runs past the data
     */
    public static Metadata decode(byte[] data, int offset) throws ProtocolException {
        Map<String, byte[]> props = new LinkedHashMap<>();
        int p = offset;
        while (p < data.length) {
            int nameSize = data[p++] & 0xFF;
            if (nameSize == 0 || p + nameSize > data.length) {
                throw new ProtocolException("metadata property name size: " + nameSize
                        + " (expected: 1.." + (data.length - p) + ")");
            }
            String name = new String(data, p, nameSize, StandardCharsets.US_ASCII);
            p += nameSize;
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
