package dev.zmq4j.zmtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.fuzz.Pieces;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz target for {@link Greeting} and {@link GreetingReader} (docs/RELIABILITY.md, "Fuzzing").
 *
 * <pre>
 * input: | pieces (byte 0, see {@link Pieces}) | the bytes a peer sends first ... |
 * </pre>
 */
class GreetingFuzzTest {
    /**
     * Only {@link ProtocolException}; the reader, fed any reads, takes no byte past the 64th and
     * agrees with {@link Greeting#decode} of the first 64 bytes; a decoded greeting is a valid
     * value that encodes to bytes that decode to it again, and to the input itself where the RFC
     * leaves no byte free (a 3.0 or 3.1 greeting with zero padding).
     */
    @FuzzTest
    void decodesAnyGreeting(byte[] input) {
        if (input.length < 1) {
            return;
        }
        byte[] stream = Arrays.copyOfRange(input, 1, input.length);
        Greeting decoded = null;
        String refused = null;
        try {
            decoded = Greeting.decode(stream);
        } catch (ProtocolException e) {
            refused = e.getMessage();
        }

        GreetingReader reader = new GreetingReader();
        Greeting read = null;
        String readerRefused = null;
        int taken = 0;
        try {
            for (ByteBuffer piece : Pieces.cut(input, 1, input[0] & 0xFF)) {
                int before = piece.remaining();
                Greeting g = reader.read(piece);
                taken += before - piece.remaining();
                if (g != null) {
                    assertThat(read).as("the greeting is returned once").isNull();
                    read = g;
                }
            }
        } catch (ProtocolException e) {
            readerRefused = e.getMessage();
        }

        assertThat(taken).isLessThanOrEqualTo(Greeting.SIZE);
        if (stream.length >= Greeting.SIZE) {
            assertThat(read).as("reader and decode agree (decode: %s, reader: %s)", refused, readerRefused).isEqualTo(decoded);
            assertThat(reader.isComplete()).isEqualTo(decoded != null);
        } else {
            assertThat(decoded).isNull();
            assertThat(read).isNull();
            assertThat(reader.isComplete()).isFalse();
        }
        if (decoded != null) {
            byte[] again = decoded.encode();
            assertThat(again).hasSize(Greeting.SIZE);
            try {
                assertThat(Greeting.decode(again)).isEqualTo(decoded);
            } catch (ProtocolException e) {
                throw new AssertionError("a decoded greeting does not decode once encoded: " + decoded, e);
            }
            boolean strict = decoded.major() == 3 && decoded.minor() <= 1;
            boolean zeroPadding = Arrays.equals(stream, 1, 9, new byte[8], 0, 8);
            if (strict && zeroPadding) {
                assertThat(again).isEqualTo(Arrays.copyOf(stream, Greeting.SIZE));
            }
        }
    }
}
