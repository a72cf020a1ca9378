package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzz targets for {@link Z85} (docs/RELIABILITY.md, "Fuzzing"). */
class Z85FuzzTest {
    /**
     * Any text: only {@link IllegalArgumentException}, agreeing with {@link Z85#isValid}; valid
     * text decodes to 4 bytes per 5 characters and encodes back to itself (Z85 is a bijection
     * between 32-bit groups and 5 digits below 85^5 that fit in 32 bits).
     */
    @FuzzTest
    void decodesAnyText(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        byte[] decoded;
        try {
            decoded = Z85.decode(text);
        } catch (IllegalArgumentException e) {
            assertThat(Z85.isValid(text)).isFalse();
            return;
        }
        assertThat(Z85.isValid(text)).isTrue();
        assertThat(decoded).hasSize(text.length() / 5 * 4);
        assertThat(Z85.encode(decoded)).isEqualTo(text);
    }

    /**
     * Any bytes: a length that is a multiple of 4 encodes to printable Z85 that decodes back,
     * any other is refused with {@link IllegalArgumentException}; {@link Z85#key} takes exactly
     * 32 bytes or 40 Z85 characters (a 41st NUL allowed) and nothing else.
     */
    @FuzzTest
    void encodesAnyBytes(byte[] input) {
        if (input.length % 4 != 0) {
            assertThatThrownBy(() -> Z85.encode(input)).isInstanceOf(IllegalArgumentException.class);
        } else {
            String text = Z85.encode(input);
            assertThat(text).hasSize(input.length / 4 * 5);
            assertThat(text.chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
            assertThat(Z85.decode(text)).isEqualTo(input);
        }

        byte[] key;
        try {
            key = Z85.key(input);
        } catch (IllegalArgumentException e) {
            assertThat(Z85.isKey(input)).isFalse();
            return;
        }
        assertThat(Z85.isKey(input)).isTrue();
        assertThat(key).hasSize(32);
        if (input.length == 32) {
            assertThat(key).isEqualTo(input);
        } else {
            assertThat(input.length).isIn(40, 41);
            assertThat(Z85.encode(key)).isEqualTo(new String(input, 0, 40, StandardCharsets.ISO_8859_1));
        }
    }
}
