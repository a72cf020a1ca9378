package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest {
    /** Socket-Type PUSH, Identity "ab": name-size, name, 4-byte big-endian value size, value. */
    private static final byte[] PUSH_AB = hex("""
            0b 53 6f 63 6b 65 74 2d 54 79 70 65  00 00 00 04 50 55 53 48
            08 49 64 65 6e 74 69 74 79           00 00 00 02 61 62
            """);

    @Test
    void encodesPropertiesByteExactly() {
        assertThat(Bytes.metadata("PUSH", "ab").encode()).isEqualTo(PUSH_AB);
    }

    @Test
    void encodesValueSizeInFourBigEndianBytes() {
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("X", new byte[0x010203]);

        byte[] encoded = Metadata.of(props).encode();

        assertThat(Arrays.copyOf(encoded, 6)).isEqualTo(hex("01 58 00 01 02 03"));
        assertThat(encoded).hasSize(6 + 0x010203);
    }

    @Test
    void encodesNoPropertiesAsNoBytes() throws ProtocolException {
        assertThat(Metadata.empty().encode()).isEmpty();
        assertThat(Metadata.decode(new byte[0], 0).asMap()).isEmpty();
    }

    @Test
    void decodesInWireOrder() throws ProtocolException {
        Metadata m = Metadata.decode(PUSH_AB, 0);

        assertThat(m.asMap().keySet()).containsExactly("Socket-Type", "Identity");
        assertThat(m.getString(Metadata.SOCKET_TYPE)).isEqualTo("PUSH");
        assertThat(m.get(Metadata.IDENTITY)).isEqualTo(ascii("ab"));
    }

    @Test
    void decodesFromAnOffset() throws ProtocolException {
        Metadata m = Metadata.decode(concat(hex("ee ee ee"), PUSH_AB), 3);

        assertThat(m.getString("Socket-Type")).isEqualTo("PUSH");
    }

    @Test
    void roundTripsBinaryAndEmptyValues() throws ProtocolException {
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("Socket-Type", ascii("DEALER"));
        props.put("Identity", new byte[0]);
        props.put("X-Bin", hex("00 ff 80 7f"));
        props.put("N".repeat(255), ascii("long name"));

        Metadata m = Metadata.decode(Metadata.of(props).encode(), 0);

        assertThat(m.get("Identity")).isEmpty();
        assertThat(m.get("X-Bin")).isEqualTo(hex("00 ff 80 7f"));
        assertThat(m.getString("N".repeat(255))).isEqualTo("long name");
        assertThat(m.asMap()).hasSize(4);
    }

    @Test
    void looksUpNamesIgnoringCase() throws ProtocolException {
        Metadata m = Metadata.decode(PUSH_AB, 0);

        assertThat(m.getString("socket-type")).isEqualTo("PUSH");
        assertThat(m.getString("SOCKET-TYPE")).isEqualTo("PUSH");
        assertThat(m.getString("sOcKeT-tYpE")).isEqualTo("PUSH");
        assertThat(m.get("IDENTITY")).isEqualTo(ascii("ab"));
        assertThat(m.get("Resource")).isNull();
        assertThat(m.getString("Resource")).isNull();
    }

    @Test
    void handsOutCopiesOfValues() throws ProtocolException {
        Metadata m = Metadata.decode(PUSH_AB, 0);

        m.get("Identity")[0] = 'z';

        assertThat(m.get("Identity")).isEqualTo(ascii("ab"));
    }

    @Test
    void copiesValuesGivenToOf() {
        byte[] value = ascii("PUSH");
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("Socket-Type", value);
        Metadata m = Metadata.of(props);

        value[0] = 'X';

        assertThat(m.getString("Socket-Type")).isEqualTo("PUSH");
    }

    @Test
    void refusesNameSizeZero() {
        assertThatThrownBy(() -> Metadata.decode(hex("00 00 00 00 00"), 0))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("name size: 0");
    }

    @Test
    void refusesNameSizePastTheEnd() {
        assertThatThrownBy(() -> Metadata.decode(hex("0b 53 6f 63 6b"), 0))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("name size: 11");
    }

    @Test
    void refusesValueSizePastTheEnd() {
        assertThatThrownBy(() -> Metadata.decode(concat(hex("01 58 00 00 00 05"), ascii("abcd")), 0))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("value size: 5")
                .hasMessageContaining("<= 4");
    }

    @Test
    void refusesAValueSizeWithTheTopBitSet() {
        // Read unsigned: a naive int would make this negative and allocate or copy nonsense.
        assertThatThrownBy(() -> Metadata.decode(concat(hex("01 58 ff ff ff ff"), ascii("abcd")), 0))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("4294967295");
        assertThatThrownBy(() -> Metadata.decode(hex("01 58 80 00 00 00"), 0)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesATruncatedValueSizeField() {
        for (String truncated : new String[] {"01 58", "01 58 00", "01 58 00 00", "01 58 00 00 00"}) {
            assertThatThrownBy(() -> Metadata.decode(hex(truncated), 0))
                    .as(truncated)
                    .isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void refusesAMalformedSecondProperty() {
        assertThatThrownBy(() -> Metadata.decode(concat(PUSH_AB, hex("03 41 42")), 0))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesEmptyOrOverlongNamesWhenBuilt() {
        assertThatThrownBy(() -> Metadata.of(Map.of("", new byte[0]))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Metadata.of(Map.of("A".repeat(256), new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
