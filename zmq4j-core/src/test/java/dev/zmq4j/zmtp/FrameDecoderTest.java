package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static dev.zmq4j.zmtp.Bytes.oneByteAtATime;
import static dev.zmq4j.zmtp.Bytes.pattern;
import static dev.zmq4j.zmtp.Bytes.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int MORE = FrameFlags.MORE;
    private static final int COMMAND = FrameFlags.COMMAND;
    private static final byte[] BODY_300 = pattern(300, 7);

    /** Hand-built frames from the rfc 37 framing grammar, each with the frame it must decode to. */
    private static final byte[] SHORT = hex("00 05 68 65 6c 6c 6f");
    private static final byte[] SHORT_MORE = hex("01 01 61");
    private static final byte[] SHORT_COMMAND = hex("04 06 05 52 45 41 44 59");
    private static final byte[] EMPTY = hex("00 00");
    private static final byte[] EMPTY_MORE = hex("01 00");
    private static final byte[] LONG = concat(hex("02 00 00 00 00 00 00 01 2c"), BODY_300);
    private static final byte[] LONG_MORE = concat(hex("03 00 00 00 00 00 00 01 2c"), BODY_300);
    private static final byte[] LONG_HEADER_SMALL_SIZE = hex("02 00 00 00 00 00 00 00 03 78 79 7a");
    private static final byte[] LONG_HEADER_EMPTY = hex("02 00 00 00 00 00 00 00 00");
    private static final byte[] LONG_HEADER_COMMAND = hex("06 00 00 00 00 00 00 00 05 04 50 49 4e 47");

    private static final byte[] STREAM = concat(SHORT_MORE, SHORT, SHORT_COMMAND, EMPTY_MORE, EMPTY, LONG_MORE, LONG,
            LONG_HEADER_SMALL_SIZE, LONG_HEADER_EMPTY, LONG_HEADER_COMMAND, EMPTY);
    private static final List<DecodedFrame> STREAM_FRAMES = List.of(
            new DecodedFrame(MORE, ascii("a")),
            new DecodedFrame(0, ascii("hello")),
            new DecodedFrame(COMMAND, hex("05 52 45 41 44 59")),
            new DecodedFrame(MORE, new byte[0]),
            new DecodedFrame(0, new byte[0]),
            new DecodedFrame(MORE, BODY_300),
            new DecodedFrame(0, BODY_300),
            new DecodedFrame(0, ascii("xyz")),
            new DecodedFrame(0, new byte[0]),
            new DecodedFrame(COMMAND, hex("04 50 49 4e 47")),
            new DecodedFrame(0, new byte[0]));

    private static List<DecodedFrame> decodeWhole(byte[] bytes) throws ProtocolException {
        return FrameCollector.decode(List.of(bytes), -1, false);
    }

    @Test
    void decodesShortFrame() throws ProtocolException {
        assertThat(decodeWhole(SHORT)).containsExactly(new DecodedFrame(0, ascii("hello")));
    }

    @Test
    void decodesMoreFlag() throws ProtocolException {
        assertThat(decodeWhole(SHORT_MORE)).containsExactly(new DecodedFrame(MORE, ascii("a")));
    }

    @Test
    void decodesCommandFlag() throws ProtocolException {
        assertThat(decodeWhole(SHORT_COMMAND)).containsExactly(new DecodedFrame(COMMAND, hex("05 52 45 41 44 59")));
    }

    @Test
    void decodesZeroLengthFrame() throws ProtocolException {
        assertThat(decodeWhole(EMPTY)).containsExactly(new DecodedFrame(0, new byte[0]));
    }

    @Test
    void decodesLongFrameWithEightByteBigEndianSize() throws ProtocolException {
        assertThat(decodeWhole(LONG)).containsExactly(new DecodedFrame(0, BODY_300));
        assertThat(decodeWhole(LONG_MORE)).containsExactly(new DecodedFrame(MORE, BODY_300));
    }

    @Test
    void decodesLongHeaderCarryingASmallSize() throws ProtocolException {
        assertThat(decodeWhole(LONG_HEADER_SMALL_SIZE)).containsExactly(new DecodedFrame(0, ascii("xyz")));
        assertThat(decodeWhole(LONG_HEADER_EMPTY)).containsExactly(new DecodedFrame(0, new byte[0]));
        assertThat(decodeWhole(LONG_HEADER_COMMAND)).containsExactly(new DecodedFrame(COMMAND, hex("04 50 49 4e 47")));
    }

    @Test
    void hidesTheLongFlagFromTheHandler() throws ProtocolException {
        for (DecodedFrame f : decodeWhole(STREAM)) {
            assertThat(f.flags() & FrameFlags.LONG).isZero();
        }
    }

    @Test
    void decodesAStreamFedWhole() throws ProtocolException {
        assertThat(decodeWhole(STREAM)).containsExactlyElementsOf(STREAM_FRAMES);
    }

    @Test
    void decodesAStreamFedOneByteAtATime() throws ProtocolException {
        assertThat(FrameCollector.decode(oneByteAtATime(STREAM), -1, false)).containsExactlyElementsOf(STREAM_FRAMES);
    }

    @Test
    void decodesAStreamSplitInTwoAtEveryPoint() throws ProtocolException {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            assertThat(FrameCollector.decode(split(STREAM, cut), -1, false))
                    .as("split at %d", cut)
                    .containsExactlyElementsOf(STREAM_FRAMES);
        }
    }

    @Test
    void decodesAStreamSplitInThreeAtEveryPairOfPoints() throws ProtocolException {
        for (int a = 0; a <= STREAM.length; a++) {
            for (int b = a; b <= STREAM.length; b++) {
                List<DecodedFrame> frames = FrameCollector.decode(split(STREAM, a, b), -1, false);
                if (!frames.equals(STREAM_FRAMES)) {
                    assertThat(frames).as("split at %d and %d", a, b).containsExactlyElementsOf(STREAM_FRAMES);
                }
            }
        }
    }

    @Test
    void decodesFromAHeapSliceWhoseArrayOffsetIsNotZero() throws ProtocolException {
        byte[] padded = concat(hex("ee ee ee ee ee"), STREAM, hex("ee ee"));
        ByteBuffer slice = ByteBuffer.wrap(padded).position(5).slice().limit(STREAM.length);
        assertThat(slice.arrayOffset()).isEqualTo(5);
        FrameCollector collector = new FrameCollector();

        assertThat(new FrameDecoder(-1, 1 << 20).decode(slice, collector)).isTrue();

        assertThat(slice.position()).isEqualTo(STREAM.length);
        assertThat(collector.frames).containsExactlyElementsOf(STREAM_FRAMES);
    }

    @Test
    void tellsWhetherTheNextBytesAreMostlyALargeBody() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        assertThat(decoder.inLargeBody(ByteBuffer.wrap(LONG), 300)).isTrue();
        assertThat(decoder.inLargeBody(ByteBuffer.wrap(LONG), 301)).isFalse();
        assertThat(decoder.inLargeBody(ByteBuffer.wrap(SHORT), 1)).isFalse();
        assertThat(decoder.inLargeBody(ByteBuffer.wrap(hex("02 00 00")), 1)).isFalse();

        // Part-way through a body: what is still to come counts, whatever the next bytes hold.
        FrameCollector collector = new FrameCollector();
        decoder.decode(ByteBuffer.wrap(LONG, 0, 109), collector);
        assertThat(collector.frames).isEmpty();
        assertThat(decoder.inLargeBody(ByteBuffer.allocate(0), 200)).isTrue();
        assertThat(decoder.inLargeBody(ByteBuffer.allocate(0), 201)).isFalse();
    }

    @Test
    void decodesFromBuffersWithAnOffsetAndFromDirectBuffers() throws ProtocolException {
        byte[] padded = concat(hex("ee ee ee"), STREAM, hex("ee"));
        FrameCollector collector = new FrameCollector();
        ByteBuffer heap = ByteBuffer.wrap(padded, 3, STREAM.length);

        assertThat(new FrameDecoder(-1, 1 << 20).decode(heap, collector)).isTrue();
        assertThat(heap.position()).isEqualTo(3 + STREAM.length);
        assertThat(collector.frames).containsExactlyElementsOf(STREAM_FRAMES);

        ByteBuffer direct = ByteBuffer.allocateDirect(STREAM.length).put(STREAM).flip();
        FrameCollector second = new FrameCollector();
        assertThat(new FrameDecoder(-1, 1 << 20).decode(direct, second)).isTrue();
        assertThat(second.frames).containsExactlyElementsOf(STREAM_FRAMES);
    }

    @Test
    void pausesAfterEachFrameAndResumesWhereItStopped() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        FrameCollector collector = new FrameCollector(true);
        ByteBuffer in = ByteBuffer.wrap(STREAM);
        List<Integer> positions = new ArrayList<>();

        int calls = 0;
        while (!decoder.decode(in, collector)) {
            positions.add(in.position());
            assertThat(collector.frames).hasSize(positions.size());
            assertThat(decoder.atFrameBoundary()).isTrue();
            assertThat(++calls).isLessThanOrEqualTo(STREAM_FRAMES.size());
        }

        assertThat(collector.frames).containsExactlyElementsOf(STREAM_FRAMES);
        // Each pause leaves the buffer just past the frame handed out.
        assertThat(positions.get(0)).isEqualTo(SHORT_MORE.length);
        assertThat(positions.get(1)).isEqualTo(SHORT_MORE.length + SHORT.length);
        assertThat(positions.get(5)).isEqualTo(SHORT_MORE.length + SHORT.length + SHORT_COMMAND.length
                + EMPTY_MORE.length + EMPTY.length + LONG_MORE.length);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void pausesAndResumesUnderEveryFragmentation() throws ProtocolException {
        assertThat(FrameCollector.decode(oneByteAtATime(STREAM), -1, true)).containsExactlyElementsOf(STREAM_FRAMES);
        for (int cut = 0; cut <= STREAM.length; cut++) {
            assertThat(FrameCollector.decode(split(STREAM, cut), -1, true))
                    .as("split at %d", cut)
                    .containsExactlyElementsOf(STREAM_FRAMES);
        }
    }

    @Test
    void leavesBytesAfterAPauseUntouched() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        ByteBuffer in = ByteBuffer.wrap(concat(SHORT, SHORT_MORE));

        assertThat(decoder.decode(in, (flags, body) -> false)).isFalse();

        assertThat(Bytes.remaining(in)).isEqualTo(SHORT_MORE);
    }

    @Test
    void acceptsAMessageFrameOfExactlyTheLimit() throws ProtocolException {
        assertThat(FrameCollector.decode(List.of(Bytes.frame(0, pattern(300, 1))), 300, false)).hasSize(1);
        assertThat(FrameCollector.decode(List.of(Bytes.frame(0, pattern(10, 1))), 10, false)).hasSize(1);
    }

    @Test
    void refusesAnOversizedShortFrameAtItsHeader() {
        FrameDecoder decoder = new FrameDecoder(10, 1 << 20);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(hex("00 0b")), new FrameCollector()))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("11")
                .hasMessageContaining("<= 10");
    }

    @Test
    void refusesAnOversizedLongFrameAtItsHeaderBeforeTheBodyArrives() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(1000, 1 << 20);
        FrameCollector collector = new FrameCollector();
        byte[] header = hex("02 00 00 00 00 00 00 03 e9");

        // The whole header but the last size byte is not enough to decide.
        assertThat(decoder.decode(ByteBuffer.wrap(header, 0, 8), collector)).isTrue();

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(header, 8, 1), collector))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("1001")
                .hasMessageContaining("<= 1000");
        assertThat(collector.frames).isEmpty();
    }

    @Test
    void appliesAChangedMessageLimitToTheNextFrame() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        FrameCollector collector = new FrameCollector();
        decoder.decode(ByteBuffer.wrap(Bytes.frame(0, pattern(200, 0))), collector);

        decoder.maxMessageFrame(100);

        assertThat(collector.frames).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(Bytes.frame(0, pattern(101, 0))), collector))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void minusOneMeansNoMessageLimit() throws ProtocolException {
        byte[] big = pattern(70_000, 3);

        assertThat(FrameCollector.decode(List.of(Bytes.frame(MORE, big)), -1, false))
                .containsExactly(new DecodedFrame(MORE, big));
    }

    @Test
    void messageLimitDoesNotApplyToCommands() throws ProtocolException {
        byte[] body = pattern(500, 0);

        assertThat(FrameCollector.decode(List.of(Bytes.frame(COMMAND, body)), 10, false))
                .containsExactly(new DecodedFrame(COMMAND, body));
    }

    @Test
    void refusesACommandOverTheCommandLimitAtItsHeader() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 100);
        FrameCollector collector = new FrameCollector();
        decoder.decode(ByteBuffer.wrap(Bytes.frame(COMMAND, pattern(100, 0))), collector);

        assertThat(collector.frames).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(hex("06 00 00 00 00 00 00 00 65")), collector))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("command size: 101");
    }

    @Test
    void refusesACommandOverHandshakeMaxCommandSizeAtItsHeader() {
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, COMMAND, Handshake.MAX_COMMAND_SIZE + 1);

        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(header), new FrameCollector()))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesMoreFlagOnAShortCommand() {
        // Whole frame in the buffer (fast path) and header split from body (slow path).
        assertThatThrownBy(() -> decodeWhole(hex("05 01 41"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("MORE");
        assertThatThrownBy(() -> FrameCollector.decode(oneByteAtATime(hex("05 01 41")), -1, false))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesMoreFlagOnALongCommand() {
        assertThatThrownBy(() -> decodeWhole(hex("07 00 00 00 00 00 00 00 01 41"))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("MORE");
    }

    @Test
    void refusesANegativeLongSize() {
        for (String size : List.of("80 00 00 00 00 00 00 00", "ff ff ff ff ff ff ff ff", "80 00 00 00 00 00 00 05")) {
            byte[] header = hex("02 " + size);
            assertThatThrownBy(() -> decodeWhole(header)).as(size).isInstanceOf(ProtocolException.class);
            assertThatThrownBy(() -> FrameCollector.decode(oneByteAtATime(header), -1, false))
                    .as(size).isInstanceOf(ProtocolException.class);
        }
    }

    @Test
    void refusesASizeNoJavaArrayCanHoldEvenWithoutALimit() {
        // 2^40: the decoder can never hand this out, so it says so at the header instead of failing later.
        byte[] header = hex("02 00 00 01 00 00 00 00 00");

        assertThatThrownBy(() -> FrameCollector.decode(List.of(header, pattern(16, 0)), -1, false))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("1099511627776");
    }

    @Test
    void doesNotAllocateADeclaredHugeBodyUpFront() throws ProtocolException {
        // 64 peers each declare the largest body a Java array can hold (2 GiB) and send 10 bytes of it.
        // Allocated up front that is 128 GiB, far beyond any test heap; bounded by EAGER_LIMIT it is 64 MiB.
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, 0, FrameDecoder.ARRAY_LIMIT);
        List<FrameDecoder> decoders = new ArrayList<>();
        FrameCollector collector = new FrameCollector();
        for (int i = 0; i < 64; i++) {
            FrameDecoder d = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
            assertThat(d.decode(ByteBuffer.wrap(concat(header, pattern(10, i))), collector)).isTrue();
            decoders.add(d);
        }

        assertThat(decoders).noneMatch(FrameDecoder::atFrameBoundary);
        assertThat(collector.frames).isEmpty();
    }

    @Test
    void holdsAFewHundredBytesForTheLargestCommandAnnouncedDuringTheHandshake() throws ProtocolException {
        // A peer that has not completed its handshake announces a 1 MiB command and sends 10 bytes
        // of it: the decoder holds what it sent plus a little, not the 1 MiB it announced.
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, COMMAND, Handshake.MAX_COMMAND_SIZE);
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
        decoder.commandsOnly(true);
        FrameCollector collector = new FrameCollector();

        assertThat(decoder.decode(ByteBuffer.wrap(concat(header, pattern(10, 3))), collector)).isTrue();
        assertThat(decoder.heldBytes()).isPositive().isLessThanOrEqualTo(FrameDecoder.HANDSHAKE_EAGER_LIMIT);

        // The rest still arrives whole, the body growing as its bytes come.
        byte[] rest = pattern((int) Handshake.MAX_COMMAND_SIZE - 10, 13);
        for (int off = 0; off < rest.length; off += 4096) {
            ByteBuffer piece = ByteBuffer.wrap(rest, off, Math.min(4096, rest.length - off));
            assertThat(decoder.decode(piece, collector)).isTrue();
        }
        assertThat(collector.frames).hasSize(1);
        assertThat(collector.frames.get(0).body()).hasSize((int) Handshake.MAX_COMMAND_SIZE)
                .startsWith(pattern(10, 3)).endsWith(rest);
        assertThat(decoder.heldBytes()).isZero();
    }

    @Test
    void refusesAFrameLargerThanTheHeapCanHoldWithoutALimit() {
        // With no MAXMSGSIZE, on a 64 MiB heap: 64 MiB + 1 could never be held, so it costs the
        // connection at its header (whole or byte by byte), not an OutOfMemoryError later.
        long heap = 64L << 20;
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, 0, heap + 1);
        for (List<byte[]> pieces : List.of(List.of(concat(header, pattern(16, 1))), oneByteAtATime(header))) {
            FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE, heap);
            assertThatThrownBy(() -> {
                for (byte[] piece : pieces) {
                    decoder.decode(ByteBuffer.wrap(piece), new FrameCollector());
                }
            }).isExactlyInstanceOf(ProtocolException.class)
                    .hasMessage("frame size: " + (heap + 1) + " (expected: <= " + heap + ")");
        }
    }

    @Test
    void acceptsAFrameThatFitsTheHeapWithoutALimit() throws ProtocolException {
        long heap = 64L << 20;
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, 0, heap);
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE, heap);

        assertThat(decoder.decode(ByteBuffer.wrap(concat(header, pattern(16, 1))), new FrameCollector())).isTrue();
        assertThat(decoder.atFrameBoundary()).isFalse();
        assertThat(decoder.heldBytes()).isEqualTo(FrameDecoder.EAGER_LIMIT);
    }

    @Test
    void holdsAKiBNotTheAnnouncedMegabyteForACommandHeaderDuringTheHandshake() throws Exception {
        // Found by HandshakeFuzzTest#nullHandshake: a 9-byte header announcing a 1 MiB command
        // before READY made the decoder allocate the megabyte at once (10,000 such peers: 10 GiB).
        byte[] body = pattern((int) Handshake.MAX_COMMAND_SIZE, 3);
        byte[] frame = Bytes.frame(COMMAND, body);
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
        decoder.limits(false, -1, Handshake.MAX_COMMAND_SIZE);
        FrameCollector collector = new FrameCollector();
        ByteBuffer header = ByteBuffer.wrap(frame, 0, 9);
        decoder.decode(header, collector);

        long allocated = dev.zmq4j.fuzz.Allocations.measureWarm(() -> {
            FrameDecoder d = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
            d.limits(false, -1, Handshake.MAX_COMMAND_SIZE);
            d.decode(ByteBuffer.wrap(frame, 0, 9), collector);
        });

        assertThat(allocated).as("bytes allocated for the header").isLessThanOrEqualTo(16 * 1024);
        // The body still arrives whole, growing as it comes.
        for (int off = 9, step = 100; off < frame.length; off += step, step *= 2) {
            assertThat(decoder.decode(ByteBuffer.wrap(frame, off, Math.min(step, frame.length - off)), collector)).isTrue();
        }
        assertThat(collector.frames).containsExactly(new DecodedFrame(COMMAND, body));
    }

    @Test
    void growsABodyLargerThanTheEagerLimitAsItsBytesArrive() throws ProtocolException {
        byte[] body = pattern(FrameDecoder.EAGER_LIMIT * 3 + 17, 5);
        byte[] frame = Bytes.frame(MORE, body);
        List<byte[]> pieces = new ArrayList<>();
        // Uneven pieces, so that growth happens in the middle of a piece as well as at its edges.
        for (int off = 0, step = 1; off < frame.length; off += step, step = step * 3 + 1) {
            pieces.add(Arrays.copyOfRange(frame, off, Math.min(frame.length, off + step)));
        }

        assertThat(FrameCollector.decode(pieces, -1, false)).containsExactly(new DecodedFrame(MORE, body));
    }

    @Test
    void refusesMessageFramesAtTheirHeaderWhileCommandsOnly() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        FrameCollector collector = new FrameCollector();
        decoder.commandsOnly(true);
        decoder.decode(ByteBuffer.wrap(SHORT_COMMAND), collector);

        assertThat(collector.frames).hasSize(1);
        assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(hex("02 00 00 00 00 7f ff ff 00")), collector))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("message frame");
    }

    @Test
    void acceptsMessageFramesOnceCommandsOnlyIsCleared() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        FrameCollector collector = new FrameCollector();
        decoder.commandsOnly(true);
        decoder.decode(ByteBuffer.wrap(SHORT_COMMAND), collector);

        decoder.commandsOnly(false);
        decoder.decode(ByteBuffer.wrap(SHORT), collector);

        assertThat(collector.frames).containsExactly(
                new DecodedFrame(COMMAND, hex("05 52 45 41 44 59")), new DecodedFrame(0, ascii("hello")));
    }

    @Test
    void reportsAPartialFrameAsNotAtABoundary() throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, 1 << 20);
        FrameCollector collector = new FrameCollector();
        assertThat(decoder.atFrameBoundary()).isTrue();

        decoder.decode(ByteBuffer.wrap(SHORT, 0, 4), collector);
        assertThat(decoder.atFrameBoundary()).isFalse();

        decoder.decode(ByteBuffer.wrap(SHORT, 4, SHORT.length - 4), collector);
        assertThat(decoder.atFrameBoundary()).isTrue();
        assertThat(collector.frames).containsExactly(new DecodedFrame(0, ascii("hello")));
    }
}
