package dev.zmq4j.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.fuzz.Allocations;
import dev.zmq4j.fuzz.Pieces;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz targets for {@link FrameDecoder} (docs/RELIABILITY.md, "Fuzzing"): arbitrary bytes in
 * arbitrary reads under arbitrary limits, and frames encoded then decoded.
 *
 * <pre>
 * decodesAnyBytes input:
 * +--------+-------+------------+----------------------------------------+
 * | limits | value | pieces     | the stream                             |
 * | byte 0 | byte 1| byte 2     | (see {@link Pieces} for byte 2)        |
 * +--------+-------+------------+----------------------------------------+
 * limits: bits 0-1 message limit (none, value, value KiB, Long.MAX_VALUE);
 *         bits 2-3 command limit (1 MiB, value, value KiB, none);
 *         bit 4 commands only (the handshake); bit 5 pause after each frame
 * </pre>
 */
class FrameDecoderFuzzTest {
    /**
     * Only {@link ProtocolException}; no frame over its limit, no message frame while commands
     * only; the same frames (and the same verdict) as from the stream in one read; allocation
     * bounded by what arrived, not by what a header announced (beyond the decoder's documented
     * {@value FrameDecoder#EAGER_LIMIT}-byte eager buffer).
     */
    @FuzzTest
    void decodesAnyBytes(byte[] input) throws Exception {
        if (input.length < 3) {
            return;
        }
        int limits = input[0] & 0xFF;
        long value = input[1] & 0xFF;
        long maxMessage = switch (limits & 3) {
            case 0 -> -1;
            case 1 -> value;
            case 2 -> value * 1024;
            default -> Long.MAX_VALUE;
        };
        long maxCommand = switch ((limits >> 2) & 3) {
            case 0 -> Handshake.MAX_COMMAND_SIZE;
            case 1 -> value;
            case 2 -> value * 1024;
            default -> -1;
        };
        boolean commandsOnly = (limits & 0x10) != 0;
        boolean pause = (limits & 0x20) != 0;
        List<ByteBuffer> pieces = Pieces.cut(input, 3, input[2] & 0xFF);

        Outcome reference = decode(List.of(ByteBuffer.wrap(input, 3, input.length - 3)), maxMessage, maxCommand, commandsOnly, false);
        Outcome[] cut = new Outcome[1];
        // The decoder's eager buffer, then what the harness itself spends per byte at worst (a
        // buffer duplicate per one-byte read, a recorded frame per two bytes).
        long budget = FrameDecoder.EAGER_LIMIT + 256L * input.length + 64 * 1024;
        Allocations.checkBounded("decoding " + input.length + " bytes", budget,
                () -> cut[0] = decode(pieces, maxMessage, maxCommand, commandsOnly, pause));

        assertThat(cut[0].frames).as("frames, whatever the reads").isEqualTo(reference.frames);
        assertThat(cut[0].error == null).as("accepted, whatever the reads: %s", cut[0].error).isEqualTo(reference.error == null);
        assertThat(cut[0].boundary).as("between frames at the end, whatever the reads").isEqualTo(reference.boundary);
        for (DecodedFrame f : cut[0].frames) {
            boolean command = (f.flags() & FrameFlags.COMMAND) != 0;
            assertThat(f.flags() & ~(FrameFlags.MORE | FrameFlags.COMMAND)).isZero();
            assertThat(command && (f.flags() & FrameFlags.MORE) != 0).as("MORE on a command").isFalse();
            assertThat(!command && commandsOnly).as("a message frame while commands only").isFalse();
            long limit = command ? maxCommand : maxMessage;
            if (limit >= 0) {
                assertThat((long) f.body().length).isLessThanOrEqualTo(limit);
            }
        }
    }

    /** Frames written with {@link FrameFlags#writeHeader} (or a long header where a short would do) decode to themselves in any reads. */
    @FuzzTest
    void decodesWhatWasEncoded(FuzzedDataProvider data) throws Exception {
        int mode = data.consumeInt(0, 255);
        List<DecodedFrame> frames = new ArrayList<>();
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            int flags = data.pickValue(new int[] {0, FrameFlags.MORE, FrameFlags.COMMAND});
            boolean longForm = data.consumeBoolean();
            byte[] body = data.consumeBytes(data.consumeInt(0, 700));
            byte[] header = new byte[FrameFlags.MAX_HEADER_SIZE];
            int h;
            if (longForm) {
                header[0] = (byte) (flags | FrameFlags.LONG);
                for (int k = 0; k < 8; k++) {
                    header[1 + k] = (byte) ((long) body.length >>> (56 - 8 * k));
                }
                h = 9;
            } else {
                h = FrameFlags.writeHeader(header, 0, flags, body.length);
            }
            stream.write(header, 0, h);
            stream.writeBytes(body);
            frames.add(new DecodedFrame(flags, body));
        }
        byte[] bytes = stream.toByteArray();

        Outcome out = decode(Pieces.cut(bytes, 0, mode), -1, Handshake.MAX_COMMAND_SIZE, false, (mode & 0x40) != 0);

        assertThat(out.error).isNull();
        assertThat(out.frames).isEqualTo(frames);
        assertThat(out.boundary).isTrue();
    }

    /** What decoding gave: the frames, the protocol error's message (or null), whether it ended between frames. */
    private record Outcome(List<DecodedFrame> frames, String error, boolean boundary) {
    }

    private static Outcome decode(List<ByteBuffer> pieces, long maxMessage, long maxCommand, boolean commandsOnly, boolean pause) {
        FrameDecoder decoder = new FrameDecoder(maxMessage, maxCommand);
        decoder.limits(!commandsOnly, maxMessage, maxCommand);
        FrameCollector collector = new FrameCollector(pause);
        try {
            for (ByteBuffer piece : pieces) {
                ByteBuffer in = piece.duplicate();
                while (!decoder.decode(in, collector)) {
                    assertThat(pause).as("paused without being asked").isTrue();
                }
                assertThat(in.hasRemaining()).as("decode returned true with bytes left").isFalse();
            }
        } catch (ProtocolException e) {
            return new Outcome(collector.frames, e.getMessage(), false);
        }
        return new Outcome(collector.frames, null, decoder.atFrameBoundary());
    }
}
