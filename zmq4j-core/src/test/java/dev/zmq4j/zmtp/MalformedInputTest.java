package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static dev.zmq4j.zmtp.Bytes.oneByteAtATime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed input the zmtp package must refuse, and only with {@link ProtocolException}: never
 * another exception, never a hang, never an allocation the peer did not pay for.
 *
 * <p>The receiving side is a PULL socket whose MAXMSGSIZE is {@value #MAX_MESSAGE}.
 */
class MalformedInputTest {
    private static final int MAX_MESSAGE = 1000;
    private static final byte[] GREETING = Greeting.of("NULL", false).encode();
    private static final byte[] PUSH_READY = ready(Bytes.metadata("PUSH", "peer-1").encode());
    /** A valid stream from a PUSH peer: greeting, READY, then a two-frame message and a PING. */
    private static final byte[] VALID_STREAM = concat(GREETING, PUSH_READY,
            hex("01 03 61 62 63"), Bytes.frame(0, Bytes.pattern(300, 1)), new Command(Command.PING, hex("00 00")).encodeFrame());

    private static byte[] ready(byte[] metadata) {
        return new Command(Command.READY, metadata).encodeFrame();
    }

    private static byte[] command(byte[] body) {
        return Bytes.frame(FrameFlags.COMMAND, body);
    }

    private static byte[] greetingWith(int offset, int... values) {
        byte[] g = GREETING.clone();
        for (int i = 0; i < values.length; i++) {
            g[offset + i] = (byte) values[i];
        }
        return g;
    }

    private static StreamHandshake pull() {
        return new StreamHandshake(new NullMechanism(Bytes.metadata("PULL", null)), Bytes.profile("PULL"), MAX_MESSAGE);
    }

    static Stream<Arguments> handshakeInputs() {
        byte[] hugeCommand = new byte[9];
        FrameFlags.writeHeader(hugeCommand, 0, FrameFlags.COMMAND, Handshake.MAX_COMMAND_SIZE + 1);
        return Stream.of(
                Arguments.of("HTTP instead of a greeting", ascii("GET / HTTP/1.1\r\n")),
                Arguments.of("ZMTP 1.0 short identity frame", hex("01 00")),
                Arguments.of("ZMTP 1.0 long identity frame", hex("ff 00 00 00 00 00 00 00 01 00 41")),
                Arguments.of("ZMTP 2.0 greeting", concat(hex("ff 00 00 00 00 00 00 00 00 7f 01 05"))),
                Arguments.of("major version 2", greetingWith(10, 2)),
                Arguments.of("major version 0", greetingWith(10, 0)),
                Arguments.of("signature byte 9 bit 0 clear", greetingWith(9, 0x7e)),
                Arguments.of("empty mechanism", greetingWith(12, 0, 0, 0, 0)),
                Arguments.of("non-printable mechanism", greetingWith(12, 'N', 0x01, 'L', 'L')),
                Arguments.of("high-bit mechanism", greetingWith(12, 0xce, 0xbb)),
                Arguments.of("mechanism PLAIN", Greeting.of("PLAIN", false).encode()),
                Arguments.of("mechanism null in lower case", greetingWith(12, 'n', 'u', 'l', 'l')),
                Arguments.of("message frame before READY", concat(GREETING, hex("00 01 41"))),
                Arguments.of("empty message frame before READY", concat(GREETING, hex("00 00"))),
                Arguments.of("large message frame header before READY", concat(GREETING, hex("02 00 00 00 00 00 0f ff ff"))),
                Arguments.of("MORE on a short command", concat(GREETING, hex("05 06 05 52 45 41 44 59"))),
                Arguments.of("MORE on a long command", concat(GREETING, hex("07 00 00 00 00 00 00 00 06 05 52 45 41 44 59"))),
                Arguments.of("negative long size", concat(GREETING, hex("06 80 00 00 00 00 00 00 00"))),
                Arguments.of("long size 2^64-1", concat(GREETING, hex("06 ff ff ff ff ff ff ff ff"))),
                Arguments.of("command over MAX_COMMAND_SIZE", concat(GREETING, hugeCommand)),
                Arguments.of("empty command body", concat(GREETING, hex("04 00"))),
                Arguments.of("command name size 0", concat(GREETING, command(hex("00 52 45 41 44 59")))),
                Arguments.of("command name past the end", concat(GREETING, command(hex("05 52 45 41")))),
                Arguments.of("unknown command", concat(GREETING, command(concat(hex("05"), ascii("HELLO"))))),
                Arguments.of("PING before READY", concat(GREETING, new Command(Command.PING, hex("00 00")).encodeFrame())),
                Arguments.of("ERROR from the peer", concat(GREETING, Command.error("denied").encodeFrame())),
                Arguments.of("ERROR with no reason", concat(GREETING, command(concat(hex("05"), ascii("ERROR"))))),
                Arguments.of("READY property name size 0", concat(GREETING, ready(hex("00 00 00 00 00")))),
                Arguments.of("READY property name past the end", concat(GREETING, ready(hex("0b 53 6f 63")))),
                Arguments.of("READY value size past the end", concat(GREETING, ready(hex("01 58 00 00 00 09 41 42")))),
                Arguments.of("READY value size with top bit set", concat(GREETING, ready(hex("01 58 ff ff ff f0 41")))),
                Arguments.of("READY value-size field truncated", concat(GREETING, ready(hex("01 58 00 00")))),
                Arguments.of("READY without Socket-Type", concat(GREETING, ready(new byte[0]))),
                Arguments.of("READY from an unknown socket type", concat(GREETING, ready(Bytes.metadata("BOGUS", null).encode()))),
                Arguments.of("READY from an incompatible PULL", concat(GREETING, ready(Bytes.metadata("PULL", null).encode()))),
                Arguments.of("READY with a lower-case socket type", concat(GREETING, ready(Bytes.metadata("push", null).encode()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakeInputs")
    void handshakeRefusesFedWhole(String name, byte[] input) {
        assertThatThrownBy(() -> pull().feed(ByteBuffer.wrap(input), b -> { }))
                .isExactlyInstanceOf(ProtocolException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakeInputs")
    void handshakeRefusesFedOneByteAtATime(String name, byte[] input) {
        StreamHandshake h = pull();
        assertThatThrownBy(() -> {
            for (byte[] piece : oneByteAtATime(input)) {
                h.feed(ByteBuffer.wrap(piece), b -> { });
            }
        }).isExactlyInstanceOf(ProtocolException.class);
    }

    static Stream<Arguments> messagePhaseInputs() {
        byte[] hugeCommand = new byte[9];
        FrameFlags.writeHeader(hugeCommand, 0, FrameFlags.COMMAND, Handshake.MAX_COMMAND_SIZE + 1);
        byte[] overLimit = new byte[9];
        FrameFlags.writeHeader(overLimit, 0, 0, MAX_MESSAGE + 1);
        return Stream.of(
                Arguments.of("message frame over MAXMSGSIZE (header only)", overLimit),
                Arguments.of("MORE frame over MAXMSGSIZE", Bytes.frame(FrameFlags.MORE, new byte[MAX_MESSAGE + 1])),
                Arguments.of("MORE on a command", hex("05 04 50 49 4e 47")),
                Arguments.of("negative long size", hex("02 ff 00 00 00 00 00 00 00")),
                Arguments.of("size past the Java array limit", hex("02 00 00 00 00 80 00 00 00")),
                Arguments.of("command over MAX_COMMAND_SIZE", hugeCommand));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messagePhaseInputs")
    void messageDecoderRefusesAfterTheHandshake(String name, byte[] input) throws ProtocolException {
        for (List<byte[]> pieces : List.of(List.of(input), oneByteAtATime(input))) {
            StreamHandshake h = pull();
            assertThat(h.feed(ByteBuffer.wrap(concat(GREETING, PUSH_READY)), b -> { })).isTrue();

            assertThatThrownBy(() -> {
                for (byte[] piece : pieces) {
                    h.decoder().decode(ByteBuffer.wrap(piece), (flags, body) -> true);
                }
            }).isExactlyInstanceOf(ProtocolException.class);
        }
    }

    /** How a handshake (and the message decoder after it) took some input. */
    record Outcome(String kind, String sent, List<DecodedFrame> frames) {
    }

    /**
     * Feeds the pieces to a fresh PULL handshake, then what follows it to the message decoder.
     * ProtocolException is an outcome; any other throwable fails the caller.
     */
    private static Outcome run(List<byte[]> pieces) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            StreamHandshake h = pull();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            FrameCollector after = new FrameCollector();
            boolean done = false;
            try {
                for (byte[] piece : pieces) {
                    ByteBuffer in = ByteBuffer.wrap(piece);
                    if (!done) {
                        done = h.feed(in, sent::writeBytes);
                    }
                    if (done) {
                        assertThat(h.decoder().decode(in, after)).isTrue();
                    }
                    assertThat(in.hasRemaining()).as("bytes left unread").isFalse();
                }
                return new Outcome(done ? "complete" : "needs more", Bytes.toHex(sent.toByteArray()), after.frames);
            } catch (ProtocolException e) {
                return new Outcome(done ? "refused after handshake" : "refused", Bytes.toHex(sent.toByteArray()), after.frames);
            }
        });
    }

    private static Outcome assertSameOutcomeWholeAndByteByByte(byte[] input) {
        Outcome whole = run(List.of(input));
        Outcome byteWise = run(oneByteAtATime(input));

        assertThat(whole.kind()).isIn("complete", "needs more", "refused", "refused after handshake");
        assertThat(byteWise).isEqualTo(whole);
        Statistics.collect(whole.kind());
        return whole;
    }

    @Property(tries = 1000)
    void randomBytesAfterAGreetingNeedMoreCompleteOrAreRefused(@ForAll @Size(max = 300) byte[] tail) {
        assertSameOutcomeWholeAndByteByByte(concat(GREETING, tail));

        Statistics.coverage(c -> {
            c.check("refused").count(n -> n > 0);
            c.check("needs more").count(n -> n > 0);
        });
    }

    @Property(tries = 1000)
    void readyWithRandomMetadataCompletesOrIsRefused(@ForAll @Size(max = 200) byte[] metadata) {
        byte[] input = concat(GREETING, ready(metadata));

        Outcome whole = run(List.of(input));

        assertThat(whole.kind()).isIn("complete", "refused");
        assertThat(run(oneByteAtATime(input))).isEqualTo(whole);
    }

    @Provide
    Arbitrary<byte[]> mutatedStreams() {
        Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> edits = Combinators.combine(
                        Arbitraries.integers().between(0, VALID_STREAM.length - 1), Arbitraries.bytes())
                .as(Tuple::of)
                .list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(VALID_STREAM.length)),
                Tuple.of(1, Arbitraries.integers().between(0, VALID_STREAM.length)));
        return Combinators.combine(edits, length).as((e, n) -> {
            byte[] b = VALID_STREAM.clone();
            e.forEach(t -> b[t.get1()] = t.get2());
            return Arrays.copyOf(b, n);
        });
    }

    @Property(tries = 2000)
    void aValidStreamWithCorruptedBytesNeedsMoreCompletesOrIsRefused(@ForAll("mutatedStreams") byte[] input) {
        assertSameOutcomeWholeAndByteByByte(input);

        // The corruptions must reach every stage, or this property proves little.
        Statistics.coverage(c -> {
            c.check("complete").count(n -> n > 0);
            c.check("needs more").count(n -> n > 0);
            c.check("refused").count(n -> n > 0);
            c.check("refused after handshake").count(n -> n > 0);
        });
    }

    @Test
    void theUnmodifiedValidStreamCompletesAndDeliversItsFrames() {
        Outcome o = run(List.of(VALID_STREAM));

        assertThat(o.kind()).isEqualTo("complete");
        assertThat(o.frames()).hasSize(3);
        assertThat(run(oneByteAtATime(VALID_STREAM))).isEqualTo(o);
    }
}
