package dev.zmq4j.zmtp;

/**
 * The ZMTP frame header: one flags byte, then the body size in one byte (short frame) or in eight
 * bytes, network order (long frame).
 *
 * <pre>
 *  flags: bit 0 MORE, bit 1 LONG, bit 2 COMMAND, bits 3-7 reserved (0)
 *
 *  short frame            long frame
 * +-------+------+      +-------+------------------+
 * | flags | size |      | flags | size (8 bytes BE)|  body...
 * +-------+------+      +-------+------------------+
 * </pre>
 */
public final class FrameFlags {
    /** More frames of the same message follow. */
    public static final int MORE = 0x01;
    /** The size field is eight bytes. */
    public static final int LONG = 0x02;
    /** The frame is a command, not part of a message. */
    public static final int COMMAND = 0x04;
    /** Bits 3-7, reserved: rfc 23 and rfc 37 say they MUST be zero. */
    public static final int RESERVED = 0xF8;
    /** The largest header: flags plus an eight-byte size. */
    public static final int MAX_HEADER_SIZE = 9;

    private FrameFlags() {
    }

    /**
     * Writes a frame header for a body of {@code size} bytes at {@code dst[offset]}.
     *
     * @param flags {@link #MORE} and/or {@link #COMMAND}; {@link #LONG} is chosen here
     * @return the number of header bytes written (2 or 9)
     */
    public static int writeHeader(byte[] dst, int offset, int flags, long size) {
        if (size <= 255) {
            dst[offset] = (byte) (flags & ~LONG);
            dst[offset + 1] = (byte) size;
            return 2;
        }
        dst[offset] = (byte) (flags | LONG);
        for (int i = 0; i < 8; i++) {
            dst[offset + 1 + i] = (byte) (size >>> (56 - 8 * i));
        }
        return 9;
    }

    /** The size of the header for a body of {@code size} bytes. */
    public static int headerSize(long size) {
        return size <= 255 ? 2 : 9;
    }
}
