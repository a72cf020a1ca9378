package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static dev.zmq4j.zmtp.Bytes.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GreetingTest {
    /** rfc 37 "greeting": signature (FF, 8 padding, 7F), version, mechanism (20), as-server, filler (31). */
    private static byte[] rfcGreeting(int major, int minor, String mechanism, int asServer) {
        byte[] name = ascii(mechanism);
        return concat(
                hex("ff"), zeros(8), hex("7f"),
                new byte[] {(byte) major, (byte) minor},
                name, zeros(20 - name.length),
                new byte[] {(byte) asServer},
                zeros(31));
    }

    @Test
    void encodesNull31GreetingAsTheRfcBytes() {
        byte[] expected = hex("""
                ff 00 00 00 00 00 00 00 00 7f 03 01 4e 55 4c 4c
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                """);

        byte[] encoded = Greeting.of("NULL", false).encode();

        assertThat(encoded).hasSize(Greeting.SIZE).isEqualTo(expected).isEqualTo(rfcGreeting(3, 1, "NULL", 0));
    }

    @Test
    void encodesAsServerAtOffset32() {
        byte[] encoded = Greeting.of("PLAIN", true).encode();

        assertThat(encoded).isEqualTo(rfcGreeting(3, 1, "PLAIN", 1));
        assertThat(encoded[32]).isEqualTo((byte) 1);
    }

    @Test
    void encodesTwentyCharacterMechanismWithoutPadding() {
        byte[] encoded = Greeting.of("ABCDEFGHIJ-_.+012345", false).encode();

        assertThat(Arrays.copyOfRange(encoded, 12, 32)).isEqualTo(ascii("ABCDEFGHIJ-_.+012345"));
        assertThat(encoded[32]).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "PLAIN", "CURVE", "X", "ABCDEFGHIJ-_.+012345"})
    void decodesWhatItEncodes(String mechanism) throws ProtocolException {
        for (boolean asServer : new boolean[] {false, true}) {
            Greeting g = Greeting.of(mechanism, asServer);

            assertThat(Greeting.decode(g.encode())).isEqualTo(g);
        }
    }

    @Test
    void decodesHandBuiltNullGreeting() throws ProtocolException {
        Greeting g = Greeting.decode(rfcGreeting(3, 1, "NULL", 0));

        assertThat(g).isEqualTo(new Greeting(3, 1, "NULL", false));
        assertThat(g.atLeast31()).isTrue();
    }

    @Test
    void acceptsZmtp30PeerWithMinorVersionZero() throws ProtocolException {
        byte[] bytes = rfcGreeting(3, 0, "NULL", 0);

        assertThatCode(() -> Greeting.checkPrefix(bytes, bytes.length)).doesNotThrowAnyException();
        Greeting g = Greeting.decode(bytes);

        assertThat(g.major()).isEqualTo(3);
        assertThat(g.minor()).isZero();
        assertThat(g.atLeast31()).isFalse();
    }

    @Test
    void acceptsHigherProtocolVersions() throws ProtocolException {
        // rfc 37: "a ZMTP peer MUST accept protocol versions greater or equal to 3.1"
        assertThat(Greeting.decode(rfcGreeting(3, 2, "NULL", 0)).atLeast31()).isTrue();
        assertThat(Greeting.decode(rfcGreeting(4, 0, "NULL", 0)).major()).isEqualTo(4);
    }

    @Test
    void ignoresThePaddingField() throws ProtocolException {
        // rfc 37: "A peer SHALL NOT assign any significance to the padding field"
        byte[] bytes = rfcGreeting(3, 1, "NULL", 0);
        for (int i = 1; i <= 8; i++) {
            bytes[i] = (byte) (0x10 * i);
        }

        assertThat(Greeting.decode(bytes)).isEqualTo(Greeting.of("NULL", false));
    }

    @Test
    void checkPrefixAcceptsEveryPrefixOfAValidGreeting() {
        byte[] bytes = rfcGreeting(3, 1, "NULL", 0);
        for (int length = 0; length <= Greeting.SIZE; length++) {
            int n = length;
            assertThatCode(() -> Greeting.checkPrefix(bytes, n)).as("prefix of %d bytes", n).doesNotThrowAnyException();
        }
    }

    @Test
    void checkPrefixRefusesGarbageAtTheFirstByte() {
        byte[] http = ascii("GET / HTTP/1.1\r\n");

        assertThatThrownBy(() -> Greeting.checkPrefix(http, 1))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("0x47");
    }

    @Test
    void checkPrefixRefusesZmtp10ShortIdentityFrameAtTheFirstByte() {
        // A ZMTP 1.0 peer starts with its identity frame: a one-octet length, here 1 (empty identity).
        byte[] zmtp10 = hex("01 00");

        assertThatThrownBy(() -> Greeting.checkPrefix(zmtp10, 1)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void checkPrefixRefusesZmtp10LongIdentityFrameAtTheTenthByte() {
        // %xFF, an 8-octet length, then the identity frame's flags with bit 0 clear.
        byte[] zmtp10 = hex("ff 00 00 00 00 00 00 01 01 00 41");
        for (int length = 1; length <= 9; length++) {
            int n = length;
            assertThatCode(() -> Greeting.checkPrefix(zmtp10, n)).doesNotThrowAnyException();
        }

        assertThatThrownBy(() -> Greeting.checkPrefix(zmtp10, 10))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("1.0");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void checkPrefixRefusesPre3MajorVersionAtTheEleventhByte(int major) {
        // ZMTP 2.0 sends the signature then its revision (1 in spec 15); rfc 37 treats 1 and 2 as 2.0.
        byte[] zmtp20 = concat(hex("ff"), zeros(8), hex("7f"), new byte[] {(byte) major}, hex("05"));
        for (int length = 1; length <= 10; length++) {
            int n = length;
            assertThatCode(() -> Greeting.checkPrefix(zmtp20, n)).doesNotThrowAnyException();
        }

        assertThatThrownBy(() -> Greeting.checkPrefix(zmtp20, Greeting.VERSION_PREFIX))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("version: " + major);
    }

    @Test
    void decodeRefusesBadSignature() {
        byte[] bytes = rfcGreeting(3, 1, "NULL", 0);
        bytes[0] = 0x00;

        assertThatThrownBy(() -> Greeting.decode(bytes)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodeRefusesZmtp2Version() {
        assertThatThrownBy(() -> Greeting.decode(rfcGreeting(1, 0, "NULL", 0))).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> Greeting.decode(rfcGreeting(2, 0, "NULL", 0))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void decodeRefusesShortInput() {
        byte[] bytes = Arrays.copyOf(rfcGreeting(3, 1, "NULL", 0), Greeting.SIZE - 1);

        assertThatThrownBy(() -> Greeting.decode(bytes))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("63");
    }

    @Test
    void decodeRefusesEmptyMechanism() {
        byte[] bytes = rfcGreeting(3, 1, "", 0);

        assertThatThrownBy(() -> Greeting.decode(bytes))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("mechanism");
    }

    @ParameterizedTest
    @ValueSource(ints = {0x01, 0x09, 0x1f, 0x7f, 0x80, 0xff})
    void decodeRefusesNonPrintableMechanismByte(int bad) {
        byte[] bytes = rfcGreeting(3, 1, "NULL", 0);
        bytes[13] = (byte) bad;

        assertThatThrownBy(() -> Greeting.decode(bytes))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(String.format("0x%02x", bad));
    }

    @Test
    void decodeReadsAsServerFlag() throws ProtocolException {
        assertThat(Greeting.decode(rfcGreeting(3, 1, "PLAIN", 1)).asServer()).isTrue();
        assertThat(Greeting.decode(rfcGreeting(3, 1, "PLAIN", 0)).asServer()).isFalse();
    }

    @Test
    void constructorRefusesEmptyOrOverlongMechanism() {
        assertThatThrownBy(() -> Greeting.of("", false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Greeting.of("ABCDEFGHIJKLMNOPQRSTU", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("21");
    }

    @Test
    void errorMessagesShowEveryByteAsTwoLowerCaseHexDigits() {
        for (int b = 0; b < 256; b++) {
            assertThat(Greeting.hex((byte) b)).isEqualTo(String.format("%02x", b));
        }
        assertThatThrownBy(() -> Greeting.decode(concat(hex("ff"), zeros(8), hex("7f 03 01"), ascii("NULL"), zeros(16),
                hex("a5"), zeros(31))))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("greeting as-server: 0xa5 (expected: 0x00 or 0x01)");
    }
}
