package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static dev.zmq4j.zmtp.Bytes.oneByteAtATime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One byte-exact vector per rule of rfc 23 / rfc 37 that a peer can break, with the exact reason
 * we give. Decoder rules are fed whole (heap and direct buffers) and one byte at a time, and must
 * be refused at the byte that breaks them, not later. Where the RFC and libzmq disagree, the test
 * name says which side we take.
 */
class ProtocolViolationTest {
    private static final byte[] GREETING = Greeting.of("NULL", false).encode();
    private static final byte[] PUSH_READY = new Command(Command.READY, Bytes.metadata("PUSH", null).encode()).encodeFrame();

    // ---- helpers ----

    /** What a fresh decoder made of some pieces: the frames it delivered and the reason it refused, if it did. */
    record Decoded(List<DecodedFrame> frames, String refusal, int refusedInPiece) {
    }

    private static Decoded decode(List<byte[]> pieces, boolean direct, boolean commandsOnly) {
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
        decoder.commandsOnly(commandsOnly);
        FrameCollector collector = new FrameCollector();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] piece = pieces.get(i);
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(piece.length).put(piece).flip() : ByteBuffer.wrap(piece);
            try {
                decoder.decode(buf, collector);
            } catch (ProtocolException e) {
                return new Decoded(collector.frames, e.getMessage(), i);
            }
        }
        return new Decoded(collector.frames, null, -1);
    }

    /**
     * Asserts {@code input} is refused with {@code reason} after delivering {@code before} frames,
     * fed whole from a heap and a direct buffer and one byte at a time, where it must be refused at
     * byte {@code refusedAt} (the offending one).
     */
    private static void assertDecoderRefuses(byte[] input, int before, int refusedAt, String reason) {
        for (boolean direct : new boolean[] {false, true}) {
            Decoded whole = decode(List.of(input), direct, false);
            assertThat(whole.refusal()).as("fed whole, direct=%s", direct).isEqualTo(reason);
            assertThat(whole.frames()).as("frames before the refusal").hasSize(before);
        }
        Decoded bytewise = decode(oneByteAtATime(input), false, false);
        assertThat(bytewise.refusal()).as("fed one byte at a time").isEqualTo(reason);
        assertThat(bytewise.refusedInPiece()).as("refused at byte").isEqualTo(refusedAt);
        assertThat(bytewise.frames()).hasSize(before);
    }

    private static StreamHandshake pull() {
        return new StreamHandshake(new NullMechanism(Bytes.metadata("PULL", null)), Bytes.profile("PULL"), -1);
    }

    /**
     * Asserts a PULL handshake refuses {@code input} with {@code reason}, fed whole and one byte at
     * a time; fed by bytes, at byte {@code refusedAt}.
     */
    private static void assertHandshakeRefuses(byte[] input, int refusedAt, String reason) {
        assertThatThrownBy(() -> pull().feed(ByteBuffer.wrap(input), b -> { }))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage(reason);
        StreamHandshake h = pull();
        List<byte[]> pieces = oneByteAtATime(input);
        for (int i = 0; i < pieces.size(); i++) {
            ByteBuffer in = ByteBuffer.wrap(pieces.get(i));
            if (i < refusedAt) {
                int at = i;
                assertThatCode(() -> h.feed(in, b -> { })).as("byte %d", at).doesNotThrowAnyException();
            } else {
                assertThatThrownBy(() -> h.feed(in, b -> { })).as("byte %d", i)
                        .isExactlyInstanceOf(ProtocolException.class)
                        .hasMessage(reason);
                return;
            }
        }
        throw new AssertionError("not refused");
    }

    private static void assertHandshakeCompletes(byte[] input) throws ProtocolException {
        assertThat(pull().feed(ByteBuffer.wrap(input), b -> { })).isTrue();
        StreamHandshake h = pull();
        boolean done = false;
        for (byte[] piece : oneByteAtATime(input)) {
            done = h.feed(ByteBuffer.wrap(piece), b -> { });
        }
        assertThat(done).isTrue();
    }

    private static byte[] greetingWith(int offset, int... values) {
        byte[] g = GREETING.clone();
        for (int i = 0; i < values.length; i++) {
            g[offset + i] = (byte) values[i];
        }
        return g;
    }

    private static byte[] commandFrame(byte[] body) {
        return Bytes.frame(FrameFlags.COMMAND, body);
    }

    private static byte[] readyFrame(byte[] metadata) {
        return commandFrame(concat(hex("05"), ascii("READY"), metadata));
    }

    /** One property: name-size, name, 4-byte big-endian value size, value. */
    private static byte[] property(byte[] name, byte[] value) {
        return concat(new byte[] {(byte) name.length}, name,
                hex(String.format("%08x", value.length)), value);
    }

    // ---- frame header: rfc 23/37 "Framing" ----

    static Stream<Arguments> reservedBits() {
        return Stream.of(
                Arguments.of("bit 3, message", hex("08 01 41"), "0x08"),
                Arguments.of("bit 4, message", hex("10 01 41"), "0x10"),
                Arguments.of("bit 5, message with MORE", hex("21 01 41"), "0x21"),
                Arguments.of("bit 6, long message", hex("42 00 00 00 00 00 00 00 01 41"), "0x42"),
                Arguments.of("bit 7, command", hex("84 05 04 50 49 4e 47"), "0x84"),
                Arguments.of("all bits", hex("ff 01 41"), "0xff"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedBits")
    void refusesReservedFlagBitsAtTheFlagsByte(String name, byte[] frame, String flags) {
        assertDecoderRefuses(frame, 0, 0, "frame flags: " + flags + " (expected: reserved bits 3-7 zero)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservedBits")
    void refusesReservedFlagBitsAfterWholeFramesInTheSameRead(String name, byte[] frame, String flags) {
        // Whole frames first, so the fast paths run and hand the bad header to the general path.
        byte[] input = concat(hex("01 01 61"), hex("00 00"), Bytes.frame(0, new byte[300]), frame);

        assertDecoderRefuses(input, 3, 3 + 2 + 309, "frame flags: " + flags + " (expected: reserved bits 3-7 zero)");
    }

    @Test
    void refusesReservedFlagBitsDuringTheHandshake() {
        byte[] ready = PUSH_READY.clone();
        ready[0] |= 0x08;

        assertHandshakeRefuses(concat(GREETING, ready), Greeting.SIZE,
                "frame flags: 0x0c (expected: reserved bits 3-7 zero)");
    }

    @Test
    void refusesMoreOnAShortOrLongCommandAtTheFlagsByte() {
        // rfc 37: "This bit SHALL be zero on command frames" (libzmq keeps MORE on the command).
        assertDecoderRefuses(hex("00 00 05 04 04 50 49 4e 47"), 1, 2, "command frame flags: 0x05 (expected: MORE not set on a command)");
        assertDecoderRefuses(hex("07 00 00 00 00 00 00 00 04 50 49 4e 47"), 0, 0,
                "command frame flags: 0x07 (expected: MORE not set on a command)");
    }

    @Test
    void refusesAMessageFrameDuringTheHandshakeAtItsFlagsByte() {
        Decoded d = decode(oneByteAtATime(hex("02 00 00 00 00 00 0f ff ff")), false, true);

        assertThat(d.refusal()).isEqualTo("message frame during handshake (expected: a command)");
        assertThat(d.refusedInPiece()).isZero();
    }

    @Test
    void acceptsALongSizeThatWouldFitTheShortFormAsLibzmqDoes() throws ProtocolException {
        // rfc 37: a body of 0-255 octets "SHOULD use a short size field": a rule for the sender.
        byte[] input = concat(hex("03 00 00 00 00 00 00 00 01 61"), hex("06 00 00 00 00 00 00 00 05 04 50 49 4e 47"),
                hex("02 00 00 00 00 00 00 00 00"));
        List<DecodedFrame> expected = List.of(new DecodedFrame(FrameFlags.MORE, ascii("a")),
                new DecodedFrame(FrameFlags.COMMAND, hex("04 50 49 4e 47")), new DecodedFrame(0, new byte[0]));

        assertThat(FrameCollector.decode(List.of(input), -1, false)).isEqualTo(expected);
        assertThat(FrameCollector.decode(List.of(input), -1, false, true)).isEqualTo(expected);
        assertThat(FrameCollector.decode(oneByteAtATime(input), -1, false)).isEqualTo(expected);
    }

    // ---- greeting: rfc 37 "Formal Grammar", "Version Negotiation" ----

    @Test
    void refusesSignatureByte9OtherThan0x7fAtTheTenthByte() {
        assertHandshakeRefuses(greetingWith(9, 0x01), 9, "greeting signature byte 9: 0x01 (expected: 0x7f)");
        assertHandshakeRefuses(greetingWith(9, 0xff), 9, "greeting signature byte 9: 0xff (expected: 0x7f)");
        assertHandshakeRefuses(greetingWith(9, 0x7e), 9, "greeting signature byte 9: 0x7e (expected: 0x7f; ZMTP 1.0 peer)");
    }

    @Test
    void ignoresThePaddingAsTheRfcRequires() throws ProtocolException {
        assertHandshakeCompletes(concat(greetingWith(1, 1, 2, 3, 4, 5, 6, 7, 0xff), PUSH_READY));
    }

    @Test
    void refusesAMechanismWithBytesAfterItsNulPadding() {
        // libzmq compares all 20 bytes with "NULL" and 16 NULs.
        assertHandshakeRefuses(greetingWith(17, 'X'), 63,
                "greeting mechanism byte 17: 0x58 (expected: 0x00, the padding after the name)");
        assertHandshakeRefuses(greetingWith(31, 0x01), 63,
                "greeting mechanism byte 31: 0x01 (expected: 0x00, the padding after the name)");
    }

    @ParameterizedTest
    @ValueSource(ints = {'n', ' ', '*', '/', 0x7f, 0x80})
    void refusesAMechanismCharacterOutsideTheRfcSet(int bad) {
        assertThatThrownBy(() -> Greeting.decode(greetingWith(13, bad)))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("greeting mechanism byte 13: 0x" + String.format("%02x", bad)
                        + " (expected: A-Z, 0-9, '-', '_', '.', '+' or NUL padding)");
    }

    @Test
    void acceptsEveryMechanismCharacterOfTheRfc() throws ProtocolException {
        byte[] g = greetingWith(12, ascii("AZ09-_.+"));

        assertThat(Greeting.decode(g).mechanism()).isEqualTo("AZ09-_.+");
        assertThatThrownBy(() -> Greeting.of("null", false)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] greetingWith(int offset, byte[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = values[i];
        }
        return greetingWith(offset, ints);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x10, 0xff})
    void refusesAsServerOtherThanZeroOrOne(int bad) {
        assertHandshakeRefuses(greetingWith(32, bad), 63,
                "greeting as-server: 0x" + String.format("%02x", bad) + " (expected: 0x00 or 0x01)");
    }

    @Test
    void refusesANonZeroFillerInA31Or30Greeting() {
        assertHandshakeRefuses(greetingWith(33, 0x01), 63,
                "greeting filler byte 33: 0x01 (expected: 0x00 in a ZMTP 3.1 greeting)");
        byte[] zmtp30 = greetingWith(11, 0);
        zmtp30[63] = (byte) 0x80;
        assertThatThrownBy(() -> Greeting.decode(zmtp30))
                .hasMessage("greeting filler byte 63: 0x80 (expected: 0x00 in a ZMTP 3.0 greeting)");
    }

    @Test
    void leavesTheFillerOfALaterVersionAlone() throws ProtocolException {
        // rfc 37: "A peer MUST accept higher protocol versions as valid"; they may use the filler.
        byte[] zmtp32 = greetingWith(11, 2);
        byte[] zmtp40 = greetingWith(10, 4, 0);
        for (int i = 33; i < 64; i++) {
            zmtp32[i] = (byte) i;
            zmtp40[i] = (byte) 0xff;
        }

        assertThat(Greeting.decode(zmtp32)).isEqualTo(new Greeting(3, 2, "NULL", false));
        assertThat(Greeting.decode(zmtp40)).isEqualTo(new Greeting(4, 0, "NULL", false));
        assertHandshakeCompletes(concat(zmtp32, PUSH_READY));
    }

    @Test
    void stillAcceptsZmtp30Peers() throws ProtocolException {
        assertHandshakeCompletes(concat(greetingWith(11, 0), PUSH_READY));
    }

    // ---- commands: rfc 23/37 "command-name-char = ALPHA" ----

    @Test
    void refusesACommandNameWithANonLetter() {
        assertThatThrownBy(() -> Command.decode(concat(hex("05"), ascii("READ1"))))
                .hasMessage("command name byte 4: 0x31 (expected: an ASCII letter)");
        assertThatThrownBy(() -> Command.decode(hex("04 50 49 4e 00 00 0a")))
                .hasMessage("command name byte 3: 0x00 (expected: an ASCII letter)");
        assertThatThrownBy(() -> Command.decode(concat(hex("06"), ascii("X-PING"))))
                .hasMessage("command name byte 1: 0x2d (expected: an ASCII letter)");
        assertThatThrownBy(() -> new Command("READ Y", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsLowerCaseCommandNames() throws ProtocolException {
        // ALPHA is both cases; the name is simply not one we know.
        assertThat(Command.decode(concat(hex("05"), ascii("ready"))).name()).isEqualTo("ready");
    }

    @Test
    void refusesACommandNameWithANonLetterDuringTheHandshake() {
        byte[] bad = commandFrame(concat(hex("05"), ascii("READ_")));

        assertHandshakeRefuses(concat(GREETING, bad), Greeting.SIZE + bad.length - 1,
                "command name byte 4: 0x5f (expected: an ASCII letter)");
    }

    // ---- ERROR: rfc 37 "error-reason = short-size 0*255VCHAR" ----

    private static Command error(String dataHex) {
        return new Command(Command.ERROR, hex(dataHex));
    }

    @Test
    void decodesAnErrorReasonThatMatchesItsSize() throws ProtocolException {
        assertThat(ErrorCommand.decode(error("06 64 65 6e 69 65 64")).reason()).isEqualTo("denied");
        assertThat(ErrorCommand.decode(error("00")).reason()).isEmpty();
        assertThat(ErrorCommand.decode(Command.error("Invalid socket type")))
                .isEqualTo(new ErrorCommand("Invalid socket type"));
    }

    @Test
    void refusesAnErrorWhoseReasonSizeDoesNotMatchItsData() {
        assertThatThrownBy(() -> ErrorCommand.decode(error("")))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("ERROR data size: 0 (expected: 1..256, a reason size and the reason)");
        // Past the data: libzmq refuses too (ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR).
        assertThatThrownBy(() -> ErrorCommand.decode(error("09 61 62")))
                .hasMessage("ERROR reason size: 9 (expected: 2, the bytes that follow it)");
        // Short of the data: the grammar has nothing after the reason (libzmq ignores the rest).
        assertThatThrownBy(() -> ErrorCommand.decode(error("01 61 62")))
                .hasMessage("ERROR reason size: 1 (expected: 2, the bytes that follow it)");
    }

    @Test
    void showsAnErrorReasonsNonPrintableBytesEscaped() throws ProtocolException {
        assertThat(ErrorCommand.decode(error("05 61 0a 1b 5c ff")).reason()).isEqualTo("a\\x0a\\x1b\\x5c\\xff");
    }

    // ---- PING and PONG: rfc 37 "Connection Heartbeating" ----

    private static Command ping(byte[] data) {
        return new Command(Command.PING, data);
    }

    @Test
    void decodesAPingByteExactly() throws ProtocolException {
        Ping p = Ping.decode(ping(hex("01 2c 63 74 78")));

        assertThat(p).isEqualTo(new Ping(300, ascii("ctx")));
        assertThat(p.ttlMillis()).isEqualTo(30_000);
        assertThat(p.toCommand().encodeFrame()).isEqualTo(hex("04 0a 04 50 49 4e 47 01 2c 63 74 78"));
        assertThat(p.pong().toCommand().encodeFrame()).isEqualTo(hex("04 08 04 50 4f 4e 47 63 74 78"));
        assertThat(Ping.decode(ping(hex("ff ff")))).isEqualTo(new Ping(65535, new byte[0]));
        assertThat(Ping.decode(ping(concat(hex("00 00"), new byte[16]))).context()).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 100})
    void refusesAPingWithoutItsTtlOrWithAContextOver16Bytes(int size) {
        assertThatThrownBy(() -> Ping.decode(ping(new byte[size])))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("PING data size: " + size + " (expected: 2..18, a 2-byte TTL and up to 16 bytes of context)");
    }

    @Test
    void decodesAPongAndRefusesAContextOver16Bytes() throws ProtocolException {
        assertThat(Pong.decode(new Command(Command.PONG, new byte[0]))).isEqualTo(new Pong(new byte[0]));
        assertThat(Pong.decode(new Command(Command.PONG, ascii("0123456789abcdef"))).context()).hasSize(16);
        assertThatThrownBy(() -> Pong.decode(new Command(Command.PONG, new byte[17])))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("PONG context size: 17 (expected: <= 16)");
    }

    @Test
    void refusesToParseTheWrongCommand() {
        assertThatThrownBy(() -> Ping.decode(new Command(Command.PONG, new byte[2]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pong.decode(new Command(Command.PING, new byte[2]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorCommand.decode(new Command(Command.READY, new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- READY metadata: rfc 37 "name = short-size 1*255name-char" ----

    @ParameterizedTest
    @ValueSource(ints = {' ', ':', 0x00, 0x7f, 0xc3, '/'})
    void refusesAPropertyNameCharacterOutsideTheRfcSet(int bad) {
        byte[] name = ascii("Socket-Type");
        name[6] = (byte) bad;
        String shown = ErrorCommand.printable(name, 0, name.length);

        assertThatThrownBy(() -> Metadata.decode(property(name, ascii("PUSH")), 0))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("metadata property name byte 6: 0x" + String.format("%02x", bad) + " in '" + shown
                        + "' (expected: ASCII letter, digit, '-', '_', '.', '+')");
    }

    @Test
    void acceptsEveryPropertyNameCharacterOfTheRfc() throws ProtocolException {
        Metadata m = Metadata.decode(property(ascii("aZ09-_.+"), ascii("v")), 0);

        assertThat(m.getString("AZ09-_.+")).isEqualTo("v");
    }

    @Test
    void refusesAPropertyNameTwiceIgnoringCase() {
        byte[] twice = concat(property(ascii("Socket-Type"), ascii("PUSH")), property(ascii("socket-type"), ascii("PULL")));

        assertThatThrownBy(() -> Metadata.decode(twice, 0))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("metadata property 'socket-type': repeated (expected: once; names ignore case)");
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("Identity", new byte[0]);
        props.put("IDENTITY", new byte[0]);
        assertThatThrownBy(() -> Metadata.of(props)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("X custom", new byte[0]))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesALoneTrailingByteAfterTheProperties() {
        byte[] trailing = concat(property(ascii("Socket-Type"), ascii("PUSH")), hex("01"));

        assertThatThrownBy(() -> Metadata.decode(trailing, 0))
                .isExactlyInstanceOf(ProtocolException.class)
                .hasMessage("metadata property name size: 1 (expected: <= 0, the bytes left)");
    }

    @Test
    void refusesBadReadyMetadataDuringTheHandshake() {
        byte[] spaced = readyFrame(property(ascii("Socket Type"), ascii("PUSH")));
        byte[] twice = readyFrame(concat(property(ascii("Socket-Type"), ascii("PUSH")), property(ascii("SOCKET-TYPE"), ascii("PUSH"))));

        assertHandshakeRefuses(concat(GREETING, spaced), Greeting.SIZE + spaced.length - 1,
                "metadata property name byte 6: 0x20 in 'Socket Type' (expected: ASCII letter, digit, '-', '_', '.', '+')");
        assertHandshakeRefuses(concat(GREETING, twice), Greeting.SIZE + twice.length - 1,
                "metadata property 'SOCKET-TYPE': repeated (expected: once; names ignore case)");
    }

    @Test
    void decodesAHugeReadyOfDistinctPropertiesInLinearTime() throws ProtocolException {
        // 100,000 distinct names: a scan of the names seen so far would take minutes.
        List<byte[]> props = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            props.add(property(ascii("p" + i), new byte[0]));
        }
        byte[] data = concat(props.toArray(new byte[0][]));

        assertThat(Metadata.decode(data, 0).asMap()).hasSize(100_000);
    }
}
