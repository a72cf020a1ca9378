package dev.zmq4j.mechanism.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.FrameTransform.WireFrame;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MESSAGE transform: frames of every size and flag round-trip in both directions, the wire
 * layout is rfc 26's, and a replayed, reordered, reflected, tampered with or malformed MESSAGE is
 * refused.
 */
class CurveTransformTest {
    private final byte[] key = CurveKeys.random(32);
    /** As after a handshake: the client's HELLO and INITIATE used 1 and 2, the server's READY 1. */
    private final CurveTransform client = new CurveTransform(key, true, 3, 1);
    private final CurveTransform server = new CurveTransform(key, false, 2, 2);

    private static byte[] payload(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 255, 256, 1 << 20})
    void framesOfEverySizeAndFlagRoundTripBothWays(int size) throws Exception {
        byte[] body = payload(size, size);
        for (int flags : new int[] {0, FrameFlags.MORE, FrameFlags.COMMAND}) {
            WireFrame up = client.encode(flags, body);
            assertThat(up.body()).hasSize(size + 33);
            WireFrame got = server.decode(up.flags(), up.body());
            assertThat(got.flags()).isEqualTo(flags);
            assertThat(Arrays.equals(got.body(), body)).as("%d bytes, flags %d, client to server", size, flags).isTrue();

            WireFrame down = server.encode(flags, body);
            got = client.decode(down.flags(), down.body());
            assertThat(got.flags()).isEqualTo(flags);
            assertThat(Arrays.equals(got.body(), body)).as("%d bytes, flags %d, server to client", size, flags).isTrue();
        }
    }

    @Property(tries = 200)
    void anyFrameRoundTrips(@ForAll @Size(max = 600) byte[] body, @ForAll @IntRange(min = 0, max = 2) int kind)
            throws ProtocolException {
        int flags = new int[] {0, FrameFlags.MORE, FrameFlags.COMMAND}[kind];
        CurveTransform a = new CurveTransform(key, true, 3, 1);
        CurveTransform b = new CurveTransform(key, false, 2, 2);
        for (int i = 0; i < 3; i++) {
            WireFrame w = a.encode(flags, body);
            WireFrame got = b.decode(w.flags(), w.body());
            assertThat(got.flags()).isEqualTo(flags);
            assertThat(got.body()).isEqualTo(body);
        }
    }

    @Test
    void theWireFrameIsAPlainFrameHoldingMessageTheNonceAndTheBox() {
        WireFrame first = client.encode(FrameFlags.MORE, "abc".getBytes(StandardCharsets.US_ASCII));
        WireFrame second = client.encode(0, new byte[0]);
        assertThat(first.flags()).as("MORE travels inside the box, as libzmq 4.3 sends it").isZero();
        assertThat(Arrays.copyOf(first.body(), 8)).isEqualTo("\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII));
        assertThat(CurveCommands.getLong(first.body(), 8)).isEqualTo(3);
        assertThat(CurveCommands.getLong(second.body(), 8)).isEqualTo(4);
        assertThat(second.body()).hasSize(33);
        assertThat(client.overhead()).isEqualTo(33);
        // The box is crypto_secretbox of flags + payload under the client's message nonce.
        byte[] box = Arrays.copyOfRange(first.body(), 16, first.body().length);
        byte[] plain = SecretBox.open(key, CurveCommands.shortNonce(CurveCommands.CLIENT_MESSAGE_NONCE, 3), box, 0, box.length);
        assertThat(plain).containsExactly(1, 'a', 'b', 'c');
    }

    @Test
    void aMessageFrameWithTheCommandFlagIsTakenToo() throws Exception {
        WireFrame w = client.encode(0, "x".getBytes(StandardCharsets.US_ASCII));
        assertThat(server.decode(FrameFlags.COMMAND, w.body()).body()).containsExactly('x');
    }

    @Test
    void aMessageFrameWithTheMoreFlagIsRefused() {
        WireFrame w = client.encode(0, new byte[1]);
        assertThatThrownBy(() -> server.decode(FrameFlags.MORE, w.body())).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE frame flags: MORE");
    }

    @Test
    void aReplayedMessageIsRefused() throws Exception {
        WireFrame w = client.encode(0, new byte[10]);
        server.decode(w.flags(), w.body());
        assertThatThrownBy(() -> server.decode(w.flags(), w.body())).isInstanceOf(ProtocolException.class)
                .hasMessage("MESSAGE short nonce: 3 (expected: 4, the next; a frame was replayed, reordered or dropped)");
    }

    @Test
    void reorderedMessagesAreRefused() throws Exception {
        WireFrame first = client.encode(0, new byte[10]);
        WireFrame second = client.encode(0, new byte[10]);
        assertThatThrownBy(() -> server.decode(second.flags(), second.body())).isInstanceOf(ProtocolException.class)
                .hasMessage("MESSAGE short nonce: 4 (expected: 3, the next; a frame was replayed, reordered or dropped)");
    }

    @Test
    void aGapInTheNoncesIsADroppedFrameAndRefused() throws Exception {
        CurveTransform jumping = new CurveTransform(key, true, 100, 1);
        WireFrame far = jumping.encode(0, new byte[1]);
        assertThatThrownBy(() -> server.decode(far.flags(), far.body())).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE short nonce: 100 (expected: 3, the next");
    }

    @Test
    void aMessageAtOrBelowTheHandshakesNonceIsRefused() {
        CurveTransform early = new CurveTransform(key, true, 2, 1);
        WireFrame w = early.encode(0, new byte[1]);
        assertThatThrownBy(() -> server.decode(w.flags(), w.body())).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE short nonce: 2 (expected: 3, the next");
    }

    @Test
    void everyFlippedBitAfterTheNameIsRefused() {
        byte[] body = payload(40, 1);
        WireFrame w = client.encode(FrameFlags.MORE, body);
        for (int i = 8; i < w.body().length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] tampered = w.body().clone();
                tampered[i] ^= (byte) (1 << bit);
                CurveTransform fresh = new CurveTransform(key, false, 2, 2);
                assertThatThrownBy(() -> fresh.decode(0, tampered)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(ProtocolException.class).hasMessageStartingWith("MESSAGE ");
            }
        }
    }

    @Test
    void aMessageReflectedBackToItsSenderDoesNotOpen() {
        WireFrame w = client.encode(0, new byte[5]);
        CurveTransform sameSide = new CurveTransform(key, true, 3, 2);
        assertThatThrownBy(() -> sameSide.decode(w.flags(), w.body())).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE box: does not open");
    }

    @Test
    void aMessageUnderAnotherSessionKeyDoesNotOpen() {
        WireFrame w = new CurveTransform(CurveKeys.random(32), true, 3, 1).encode(0, new byte[5]);
        assertThatThrownBy(() -> server.decode(w.flags(), w.body())).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE box: does not open");
    }

    @Test
    void aFrameThatIsNotAMessageIsRefused() {
        WireFrame w = client.encode(0, new byte[5]);
        byte[] renamed = w.body().clone();
        renamed[1] = 'm';
        assertThatThrownBy(() -> server.decode(0, renamed)).isInstanceOf(ProtocolException.class)
                .hasMessage("frame after CURVE handshake: '\\x07mESSAGE...' (expected: a MESSAGE command)");
        assertThatThrownBy(() -> server.decode(0, new byte[0])).isInstanceOf(ProtocolException.class)
                .hasMessage("frame after CURVE handshake: empty (expected: a MESSAGE command)");
        assertThatThrownBy(() -> server.decode(0, "plain".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(ProtocolException.class)
                .hasMessage("frame after CURVE handshake: 'plain' (expected: a MESSAGE command)");
    }

    @Test
    void aMessageTooShortForItsBoxIsRefused() {
        byte[] shortOne = Arrays.copyOf(client.encode(0, new byte[0]).body(), 32);
        assertThatThrownBy(() -> server.decode(0, shortOne)).isInstanceOf(ProtocolException.class)
                .hasMessage("MESSAGE size: 32 (expected: >= 33)");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x03, 0x04, 0x80, 0xFF})
    void boxedFlagsWithReservedBitsOrBothMoreAndCommandAreRefused(int flags) {
        byte[] wire = new byte[33 + 2];
        System.arraycopy("\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII), 0, wire, 0, 8);
        CurveCommands.putLong(wire, 8, 3);
        byte[] box = SecretBox.seal(key, CurveCommands.shortNonce(CurveCommands.CLIENT_MESSAGE_NONCE, 3),
                new byte[] {(byte) flags, 'h', 'i'});
        System.arraycopy(box, 0, wire, 16, box.length);
        assertThatThrownBy(() -> server.decode(0, wire)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("MESSAGE flags: 0x" + String.format("%02x", flags));
    }
}
