package dev.zmq4j.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The ZMTP 3.1 bytes a hostile peer sends, written here from rfc 37 (not with zmq4j's encoder):
 *
 * <pre>
 * greeting = 0xFF 8*0x00 0x7F  0x03 0x01  "NULL" 16*0x00  as-server(0x00)  31*0x00
 * frame    = flags (MORE 0x01 | LONG 0x02 | COMMAND 0x04)  size (1 or 8 bytes, BE)  body
 * READY    = 0x05 "READY"  0x0B "Socket-Type"  size (4 bytes, BE)  type
 * </pre>
 */
final class Wire {
    private Wire() {
    }

    /** A ZMTP 3.1 NULL greeting, as client. */
    static byte[] greeting() {
        byte[] g = new byte[64];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = 3;
        g[11] = 1;
        byte[] mechanism = "NULL".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mechanism, 0, g, 12, mechanism.length);
        return g;
    }

    /** A READY command frame naming {@code socketType}. */
    static byte[] ready(String socketType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(5);
        body.writeBytes("READY".getBytes(StandardCharsets.US_ASCII));
        body.write(11);
        body.writeBytes("Socket-Type".getBytes(StandardCharsets.US_ASCII));
        byte[] type = socketType.getBytes(StandardCharsets.US_ASCII);
        body.writeBytes(new byte[] {0, 0, 0, (byte) type.length});
        body.writeBytes(type);
        byte[] b = body.toByteArray();
        return concat(new byte[] {0x04, (byte) b.length}, b);
    }

    /** The 9-byte header of a long frame ({@code flags} | LONG) announcing {@code size} bytes. */
    static byte[] longHeader(int flags, long size) {
        byte[] h = new byte[9];
        h[0] = (byte) (flags | 0x02);
        for (int i = 0; i < 8; i++) {
            h[1 + i] = (byte) (size >>> (56 - 8 * i));
        }
        return h;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
