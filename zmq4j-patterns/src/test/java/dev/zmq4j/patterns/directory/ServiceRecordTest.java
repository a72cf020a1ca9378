package dev.zmq4j.patterns.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ServiceRecordTest {
    @Test
    void encodesHeaderStateAndTwoShortStrings() {
        byte[] b = new ServiceRecord("time", "tcp://h:1", false).encode();
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("5a534401" + "00" + "04" + "74696d65" + "09" + "7463703a2f2f683a31");
        assertThat(new ServiceRecord("time", "tcp://h:1", true).encode()[4]).isEqualTo((byte) 1);
    }

    @Test
    void decodesWhatItEncodesAndKeysAWithdrawalAsItsAnnouncement() {
        ServiceRecord up = new ServiceRecord("zeit·uhr", "tcp://[::1]:5555", false);
        assertThat(ServiceRecord.decode(up.encode())).contains(up);
        assertThat(ServiceRecord.decode(up.withdrawn().encode())).contains(up.withdrawn());
        assertThat(ServiceRecord.key(up.encode())).isEqualTo(ServiceRecord.key(up.withdrawn().encode()));
        assertThat(ServiceRecord.isWithdrawal(up.encode())).isFalse();
        assertThat(ServiceRecord.isWithdrawal(up.withdrawn().encode())).isTrue();
        String longest = "n".repeat(ServiceRecord.MAX_NAME_AND_ENDPOINT - 1);
        assertThat(new ServiceRecord(longest, "e", false).encode()).hasSize(255);
    }

    @Test
    void malformedRecordsAreNotRecords() {
        byte[] good = new ServiceRecord("time", "tcp://h:1", false).encode();
        byte[] badState = good.clone();
        badState[4] = 2;
        byte[] truncated = Arrays.copyOf(good, good.length - 1);
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        byte[] emptyName = {'Z', 'S', 'D', 1, 0, 0, 1, 'e'};
        byte[] badUtf8 = {'Z', 'S', 'D', 1, 0, 1, (byte) 0xff, 1, 'e'};
        byte[] other = "ZRE\u0001xxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] bad : new byte[][] {badState, truncated, trailing, emptyName, badUtf8, other, new byte[0]}) {
            assertThat(ServiceRecord.decode(bad)).as(HexFormat.of().formatHex(bad)).isEmpty();
            assertThat(ServiceRecord.key(bad)).isNull();
        }
    }
}
