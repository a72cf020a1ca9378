package dev.zmq4j.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Frames written with {@link FrameFlags#writeHeader} decode back unchanged, however the bytes arrive. */
class FrameRoundTripTest {
    /** A frame to encode: legal flags (MORE and COMMAND never together), a size, and a body seed. */
    record FrameSpec(int flags, int size, int seed) {
        byte[] encode() {
            return Bytes.frame(flags, body());
        }

        byte[] body() {
            return Bytes.pattern(size, seed);
        }
    }

    @Provide
    Arbitrary<FrameSpec> frames() {
        Arbitrary<Integer> flags = Arbitraries.of(0, FrameFlags.MORE, FrameFlags.COMMAND);
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 300)),
                Tuple.of(3, Arbitraries.integers().between(250, 260)),
                Tuple.of(2, Arbitraries.integers().between(0, 70_000)),
                Tuple.of(1, Arbitraries.of(0, 1, 255, 256, 65_535, 65_536, 70_000)));
        return Combinators.combine(flags, size, Arbitraries.integers()).as(FrameSpec::new);
    }

    @Property(tries = 300)
    void framesDecodeBackIdenticallyAtAnySplit(
            @ForAll @Size(min = 1, max = 12) List<@From("frames") FrameSpec> specs,
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 1_000_000) Integer> cutPoints,
            @ForAll boolean pauseAfterEachFrame,
            @ForAll boolean direct) throws ProtocolException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<DecodedFrame> expected = new ArrayList<>();
        for (FrameSpec s : specs) {
            wire.writeBytes(s.encode());
            expected.add(new DecodedFrame(s.flags(), s.body()));
        }
        byte[] bytes = wire.toByteArray();
        int[] cuts = cutPoints.stream().mapToInt(p -> (int) ((long) p * bytes.length / 1_000_000)).sorted().toArray();

        List<DecodedFrame> decoded = FrameCollector.decode(Bytes.split(bytes, cuts), -1, pauseAfterEachFrame, direct);

        assertThat(decoded).containsExactlyElementsOf(expected);
    }

    @Property(tries = 100)
    void framesDecodeBackIdenticallyOneByteAtATime(@ForAll @Size(min = 1, max = 6) List<@From("smallFrames") FrameSpec> specs)
            throws ProtocolException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<DecodedFrame> expected = new ArrayList<>();
        for (FrameSpec s : specs) {
            wire.writeBytes(s.encode());
            expected.add(new DecodedFrame(s.flags(), s.body()));
        }

        assertThat(FrameCollector.decode(Bytes.oneByteAtATime(wire.toByteArray()), -1, false))
                .containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<FrameSpec> smallFrames() {
        return Combinators.combine(
                        Arbitraries.of(0, FrameFlags.MORE, FrameFlags.COMMAND),
                        Arbitraries.integers().between(0, 600),
                        Arbitraries.integers())
                .as(FrameSpec::new);
    }
}
