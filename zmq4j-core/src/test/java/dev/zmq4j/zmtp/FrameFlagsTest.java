package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameFlagsTest {
    private static byte[] header(int flags, long size) {
        byte[] dst = new byte[FrameFlags.MAX_HEADER_SIZE + 2];
        int n = FrameFlags.writeHeader(dst, 1, flags, size);
        assertThat(n).isEqualTo(FrameFlags.headerSize(size));
        assertThat(dst[0]).as("byte before the offset").isZero();
        return Arrays.copyOfRange(dst, 1, 1 + n);
    }

    @Test
    void flagBitsAreTheRfcBits() {
        assertThat(FrameFlags.MORE).isEqualTo(0x01);
        assertThat(FrameFlags.LONG).isEqualTo(0x02);
        assertThat(FrameFlags.COMMAND).isEqualTo(0x04);
    }

    @Test
    void writesShortHeaderUpTo255() {
        assertThat(header(0, 0)).isEqualTo(hex("00 00"));
        assertThat(header(FrameFlags.MORE, 5)).isEqualTo(hex("01 05"));
        assertThat(header(FrameFlags.COMMAND, 255)).isEqualTo(hex("04 ff"));
    }

    @Test
    void writesLongBigEndianHeaderFrom256() {
        assertThat(header(0, 256)).isEqualTo(hex("02 00 00 00 00 00 00 01 00"));
        assertThat(header(FrameFlags.MORE, 70_000)).isEqualTo(hex("03 00 00 00 00 00 01 11 70"));
        assertThat(header(FrameFlags.COMMAND, 0x0102030405060708L)).isEqualTo(hex("06 01 02 03 04 05 06 07 08"));
        assertThat(header(0, Long.MAX_VALUE)).isEqualTo(hex("02 7f ff ff ff ff ff ff ff"));
    }

    @Test
    void choosesTheSizeFieldItselfWhateverLongFlagIsPassed() {
        assertThat(header(FrameFlags.LONG, 3)).isEqualTo(hex("00 03"));
        assertThat(header(FrameFlags.LONG | FrameFlags.MORE, 300)).isEqualTo(hex("03 00 00 00 00 00 00 01 2c"));
    }

    @Test
    void headerSizeSwitchesAt256() {
        assertThat(FrameFlags.headerSize(0)).isEqualTo(2);
        assertThat(FrameFlags.headerSize(255)).isEqualTo(2);
        assertThat(FrameFlags.headerSize(256)).isEqualTo(9);
        assertThat(FrameFlags.headerSize(Long.MAX_VALUE)).isEqualTo(FrameFlags.MAX_HEADER_SIZE);
    }
}
