package dev.zmq4j.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.fuzz.Allocations;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Fuzz targets for command bodies (docs/RELIABILITY.md, "Fuzzing"): {@link Command#decode} and the
 * data of the commands ZMTP defines ({@link ErrorCommand}, {@link Ping}, {@link Pong}, READY's
 * {@link Metadata}).
 */
class CommandFuzzTest {
    private static final byte[] LIBZMQ_43_ERROR = {0x5E, 'R', 'R', 'O', 'R'};

    /**
     * Only {@link ProtocolException}; a decoded command encodes to the body it came from (the one
     * exception: libzmq 4.3's {@code ^RROR}, taken as ERROR); ERROR, PING, PONG and READY data
     * parse strictly and round-trip; an ERROR's reason holds printable ASCII only.
     */
    @FuzzTest
    void decodesAnyCommand(byte[] body) throws Exception {
        Command c;
        try {
            c = Command.decode(body);
        } catch (ProtocolException e) {
            return;
        }
        boolean quirk = body.length > 5 && Arrays.equals(body, 0, 5, LIBZMQ_43_ERROR, 0, 5);
        if (quirk) {
            assertThat(c.name()).isEqualTo(Command.ERROR);
            assertThat(c.data()).isEqualTo(Arrays.copyOfRange(body, 5, body.length));
        } else {
            assertThat(c.encode()).isEqualTo(body);
        }
        assertThat(Command.decode(c.encode())).usingRecursiveComparison().isEqualTo(c);

        switch (c.name()) {
            case Command.ERROR -> {
                assertThat(c.errorReason()).isNotNull();
                try {
                    String reason = ErrorCommand.decode(c).reason();
                    assertThat(reason.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7E)).as("printable: %s", reason).isTrue();
                    MechanismStatus refusal = ErrorCommand.refusal(c);
                    assertThat(refusal.state()).isEqualTo(MechanismStatus.State.FAILED);
                    assertThat(refusal.errorCode()).isBetween(300, 599);
                } catch (ProtocolException expected) {
                    // a malformed ERROR, or one whose reason is not a status code
                }
            }
            case Command.PING -> {
                try {
                    Ping p = Ping.decode(c);
                    assertThat(p.toCommand().data()).isEqualTo(c.data());
                    assertThat(Ping.decode(p.toCommand())).isEqualTo(p);
                    assertThat(Pong.decode(p.pong().toCommand()).context()).isEqualTo(p.context());
                } catch (ProtocolException expected) {
                    assertThat(c.data().length < 2 || c.data().length > 18).as("PING data of %d bytes refused", c.data().length).isTrue();
                }
            }
            case Command.PONG -> {
                try {
                    Pong p = Pong.decode(c);
                    assertThat(p.toCommand().data()).isEqualTo(c.data());
                } catch (ProtocolException expected) {
                    assertThat(c.data().length).isGreaterThan(Ping.MAX_CONTEXT);
                }
            }
            default -> {
                try {
                    checkMetadata(c.data(), 0);
                } catch (ProtocolException expected) {
                    // not a property list
                }
            }
        }
    }

    /**
     * Only {@link ProtocolException}; decoded metadata encodes to exactly the bytes it came from
     * (the grammar leaves nothing over), looks its names up in any case, and is accepted by
     * {@link Metadata#of}; decoding allocates at most 256 KiB plus 32 bytes per input byte.
     */
    @FuzzTest
    void decodesAnyMetadata(byte[] input) throws Exception {
        if (input.length < 1) {
            return;
        }
        int offset = Math.min(1 + (input[0] & 0xFF) % input.length, input.length);
        try {
            // Only the decoding is measured: the assertions allocate far more than it does. 256 KiB
            // leave room for a refusal's exception (its stack trace is deep under a fuzzer, whose
            // instrumentation allocates too); an announced value size is what must not count.
            Allocations.checkBounded("metadata of " + input.length + " bytes", 256 * 1024 + 32L * input.length,
                    () -> Metadata.decode(input, offset));
            checkMetadata(input, offset);
        } catch (ProtocolException expected) {
            // not a property list
        }
    }

    private static void checkMetadata(byte[] data, int offset) throws ProtocolException {
        Metadata m = Metadata.decode(data, offset);
        assertThat(m.encode()).isEqualTo(Arrays.copyOfRange(data, offset, data.length));
        for (Map.Entry<String, byte[]> e : m.asMap().entrySet().stream().limit(64).toList()) {
            assertThat(m.get(e.getKey().toUpperCase(Locale.ROOT))).isEqualTo(e.getValue());
            assertThat(m.get(e.getKey().toLowerCase(Locale.ROOT))).isEqualTo(e.getValue());
        }
        assertThat(Metadata.of(m.asMap()).encode()).isEqualTo(m.encode());
    }
}
