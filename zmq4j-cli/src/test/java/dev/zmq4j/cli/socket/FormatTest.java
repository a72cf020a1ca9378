package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FormatTest {
    private static final Message MULTIPART = Message.of("topic".getBytes(StandardCharsets.UTF_8),
            "caf\u00e9 \"q\"".getBytes(StandardCharsets.UTF_8), new byte[] {0, (byte) 0xff});

    @Test
    void printsAMultipartMessageInEachFormat() {
        assertThat(Format.TEXT.line(MULTIPART, "\t")).isEqualTo("topic\tcaf\u00e9 \"q\"\t\u0000\ufffd");
        assertThat(Format.JSON.line(MULTIPART, "\t")).isEqualTo("[\"topic\",\"caf\u00e9 \\\"q\\\"\",\"\\u0000\ufffd\"]");
        assertThat(Format.HEX.line(MULTIPART, "\t")).isEqualTo("746f706963\t636166c3a9202271 22\t00ff".replace(" ", ""));
        assertThat(Format.BASE64.line(MULTIPART, "|")).isEqualTo("dG9waWM=|Y2Fmw6kgInEi|AP8=");
    }

    @Test
    void readsInputFramesInTextHexAndBase64() {
        assertThat(Format.TEXT.frame("caf\u00e9")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(Format.HEX.frame("00ff")).containsExactly(0, 0xff);
        assertThat(Format.BASE64.frame("AP8=")).containsExactly(0, 0xff);
        assertThatThrownBy(() -> Format.HEX.frame("0g")).hasMessageContaining("expected: hex digits");
    }

    @Test
    void splitsInputLinesAtTheSeparatorKeepingEmptyFrames() {
        MessageReader reader = new MessageReader(new java.io.ByteArrayInputStream(new byte[0]), "|", Format.TEXT, false);
        assertThat(reader.parse("a||b|").toStrings()).containsExactly("a", "", "b", "");
        assertThat(reader.parse("").toStrings()).containsExactly("");
    }
}
