package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Z85Test {
    /** rfc 32's test vector. */
    private static final byte[] HELLO_WORLD_BYTES = {
        (byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};

    @Test
    void encodesTheRfcVector() {
        assertThat(Z85.encode(HELLO_WORLD_BYTES)).isEqualTo("HelloWorld");
    }

    @Test
    void decodesTheRfcVector() {
        assertThat(Z85.decode("HelloWorld")).containsExactly(HELLO_WORLD_BYTES);
    }

    @Test
    void encodesTheExtremesOfAGroup() {
        assertThat(Z85.encode(new byte[4])).isEqualTo("00000");
        assertThat(Z85.encode(new byte[] {-1, -1, -1, -1})).isEqualTo("%nSc0");
        assertThat(Z85.decode("%nSc0")).containsExactly(-1, -1, -1, -1);
        assertThat(Z85.encode(new byte[0])).isEmpty();
        assertThat(Z85.decode("")).isEmpty();
    }

    @Test
    void refusesToEncodeALengthThatIsNotAMultipleOfFour() {
        assertThatThrownBy(() -> Z85.encode(new byte[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Z85: 7 bytes (expected: a multiple of 4)");
    }

    @Test
    void refusesToDecodeALengthThatIsNotAMultipleOfFive() {
        assertThatThrownBy(() -> Z85.decode("Hello1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Z85: 6 characters (expected: a multiple of 5)");
    }

    @Test
    void refusesCharactersOutsideTheAlphabetNamingTheirPosition() {
        // '"', '\'', ',', ';', '\\', '_', '`', '|', '~' and space are not Z85 digits; nor is non-ASCII.
        for (String bad : new String[] {"Hell\"", "Hel'o", "He,lo", "H;llo", "Hell\\", "Hell_", "`ello", "He|lo", "Hel~o", "Hel o", "Hell\u00e9"}) {
            int at = firstBad(bad);
            assertThatThrownBy(() -> Z85.decode(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Z85: character " + at + " is not a Z85 digit");
            assertThat(Z85.isValid(bad)).as(bad).isFalse();
        }
    }

    private static int firstBad(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("\"',;\\_`|~ \u00e9".indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        throw new AssertionError(s);
    }

    @Test
    void refusesAGroupAbove32Bits() {
        // '#' is the digit 84: "#####" is 85^5 - 1, above 2^32 - 1; "%nSc1" is 2^32.
        assertThatThrownBy(() -> Z85.decode("HelloWorld#####"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Z85: characters 10..14 exceed 32 bits");
        assertThat(Z85.isValid("%nSc1")).isFalse();
        assertThat(Z85.isValid("%nSc0")).isTrue();
    }

    @Test
    void keyTakes32BytesAsTheyAreAnd40CharactersAsZ85() {
        byte[] raw = new byte[32];
        Arrays.fill(raw, (byte) 7);
        byte[] copy = Z85.key(raw);
        assertThat(copy).isEqualTo(raw).isNotSameAs(raw);

        String text = Z85.encode(raw);
        assertThat(Z85.key(text.getBytes(StandardCharsets.US_ASCII))).isEqualTo(raw);
        byte[] withNul = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 41);
        assertThat(Z85.key(withNul)).isEqualTo(raw);
    }

    @Test
    void keyRefusesOtherLengthsAndBadText() {
        assertThatThrownBy(() -> Z85.key(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CURVE key: 31 bytes (expected: 32 bytes or 40 Z85 characters)");
        assertThatThrownBy(() -> Z85.key(new byte[42]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42 bytes");
        byte[] badText = "~".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Z85.key(badText)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Z85: character 0 is not a Z85 digit");
        assertThat(Z85.isKey(badText)).isFalse();
        assertThat(Z85.isKey(new byte[32])).isTrue();
    }

    @Property
    void decodeUndoesEncode(@ForAll("multiplesOfFour") byte[] data) {
        String text = Z85.encode(data);
        assertThat(text).hasSize(data.length / 4 * 5);
        assertThat(Z85.isValid(text)).isTrue();
        assertThat(Z85.decode(text)).containsExactly(data);
    }

    @Provide
    Arbitrary<byte[]> multiplesOfFour() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(64)
                .map(b -> Arrays.copyOf(b, b.length - b.length % 4));
    }
}
