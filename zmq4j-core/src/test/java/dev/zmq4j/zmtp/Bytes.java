package dev.zmq4j.zmtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Byte-array helpers for the wire tests: hex vectors, concatenation, framing, fragmentation. */
final class Bytes {
    private Bytes() {
    }

    /** Bytes from hex digits; whitespace is ignored, so vectors can be grouped by field. */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replaceAll("\\s+", ""));
    }

    static String toHex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] zeros(int n) {
        return new byte[n];
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A frame built with {@link FrameFlags#writeHeader}: header then body. */
    static byte[] frame(int flags, byte[] body) {
        byte[] out = new byte[FrameFlags.headerSize(body.length) + body.length];
        int h = FrameFlags.writeHeader(out, 0, flags, body.length);
        System.arraycopy(body, 0, out, h, body.length);
        return out;
    }

    /** A body of {@code size} bytes whose content depends on its position and on {@code seed}. */
    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Cuts {@code data} at the given ascending offsets (duplicates give empty pieces). */
    static List<byte[]> split(byte[] data, int... cuts) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(Arrays.copyOfRange(data, from, cut));
            from = cut;
        }
        pieces.add(Arrays.copyOfRange(data, from, data.length));
        return pieces;
    }

    /** {@code data} as one-byte pieces. */
    static List<byte[]> oneByteAtATime(byte[] data) {
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : data) {
            pieces.add(new byte[] {b});
        }
        return pieces;
    }

    static byte[] remaining(ByteBuffer buf) {
        byte[] out = new byte[buf.remaining()];
        buf.duplicate().get(out);
        return out;
    }

    /** Metadata holding Socket-Type and, if not null, Identity, in that order. */
    static Metadata metadata(String socketType, String identity) {
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put(Metadata.SOCKET_TYPE, ascii(socketType));
        if (identity != null) {
            props.put(Metadata.IDENTITY, ascii(identity));
        }
        return Metadata.of(props);
    }

    /** The wire profile of the socket type named {@code type}. */
    static SocketProfile profile(String type) {
        return dev.zmq4j.pattern.SocketDescriptor.forName(type).profile();
    }
}
