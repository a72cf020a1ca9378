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

class CommandTest {
    /** The client READY of rfc 37's worked example: Socket-Type DEALER and an empty Identity. */
    private static final byte[] RFC_DEALER_READY = hex("""
            04 29
            05 52 45 41 44 59
            0b 53 6f 63 6b 65 74 2d 54 79 70 65
            00 00 00 06 44 45 41 4c 45 52
            08 49 64 65 6e 74 69 74 79
            00 00 00 00
            """);
    /** The server READY of the worked example: only Socket-Type ROUTER. */
    private static final byte[] RFC_ROUTER_READY = hex("""
            04 1c
            05 52 45 41 44 59
            0b 53 6f 63 6b 65 74 2d 54 79 70 65
            00 00 00 06 52 4f 55 54 45 52
            """);

    private static Command ready(Metadata metadata) {
        return new Command(Command.READY, metadata.encode());
    }

    @Test
    void encodesTheRfcWorkedExampleReadyByteExactly() {
        assertThat(ready(Bytes.metadata("DEALER", "")).encodeFrame()).isEqualTo(RFC_DEALER_READY);
        assertThat(ready(Bytes.metadata("ROUTER", null)).encodeFrame()).isEqualTo(RFC_ROUTER_READY);
    }

    @Test
    void encodesReadyWithSocketTypeAndIdentity() {
        byte[] expected = hex("""
                05 52 45 41 44 59
                0b 53 6f 63 6b 65 74 2d 54 79 70 65  00 00 00 03 52 45 51
                08 49 64 65 6e 74 69 74 79  00 00 00 03 69 64 31
                """);

        assertThat(ready(Bytes.metadata("REQ", "id1")).encode()).isEqualTo(expected);
    }

    @Test
    void decodesTheRfcWorkedExampleReady() throws ProtocolException {
        Command c = Command.decode(Arrays.copyOfRange(RFC_DEALER_READY, 2, RFC_DEALER_READY.length));

        assertThat(c.name()).isEqualTo(Command.READY);
        Metadata m = Metadata.decode(c.data(), 0);
        assertThat(m.getString(Metadata.SOCKET_TYPE)).isEqualTo("DEALER");
        assertThat(m.get(Metadata.IDENTITY)).isEmpty();
    }

    @Test
    void decodesWhatItEncodes() throws ProtocolException {
        Map<String, byte[]> props = new LinkedHashMap<>();
        props.put("Socket-Type", ascii("ROUTER"));
        props.put("Identity", hex("01 02 00 ff"));
        props.put("X-Custom", new byte[300]);
        Command original = ready(Metadata.of(props));

        Command decoded = Command.decode(original.encode());

        assertThat(decoded.name()).isEqualTo("READY");
        assertThat(decoded.data()).isEqualTo(original.data());
        Metadata m = Metadata.decode(decoded.data(), 0);
        assertThat(m.asMap().keySet()).containsExactly("Socket-Type", "Identity", "X-Custom");
        assertThat(m.get("identity")).isEqualTo(hex("01 02 00 ff"));
        assertThat(m.get("x-custom")).hasSize(300);
    }

    @Test
    void framesBodiesOver255WithALongCommandHeader() {
        byte[] frame = new Command("X", new byte[300]).encodeFrame();

        assertThat(Arrays.copyOf(frame, 9)).isEqualTo(hex("06 00 00 00 00 00 00 01 2e"));
        assertThat(Arrays.copyOfRange(frame, 9, 11)).isEqualTo(hex("01 58"));
        assertThat(frame).hasSize(9 + 302);
    }

    @Test
    void decodesCommandWithNoData() throws ProtocolException {
        Command c = Command.decode(hex("04 50 49 4e 47"));

        assertThat(c.name()).isEqualTo("PING");
        assertThat(c.data()).isEmpty();
    }

    @Test
    void refusesAnEmptyBody() {
        assertThatThrownBy(() -> Command.decode(new byte[0])).isInstanceOf(ProtocolException.class);
    }

    @Test
    void refusesNameSizeZero() {
        assertThatThrownBy(() -> Command.decode(hex("00 52 45 41 44 59")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("name size: 0");
    }

    @Test
    void refusesNameSizePastTheEnd() {
        assertThatThrownBy(() -> Command.decode(hex("05 52 45 41 44")))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("5")
                .hasMessageContaining("<= 4");
        assertThatThrownBy(() -> Command.decode(hex("ff"))).isInstanceOf(ProtocolException.class);
    }

    @Test
    void encodesErrorWithItsReasonAsAShortString() {
        byte[] expected = concat(hex("04 0d 05"), ascii("ERROR"), hex("06"), ascii("denied"));

        assertThat(Command.error("denied").encodeFrame()).isEqualTo(expected);
    }

    @Test
    void decodesErrorReason() throws ProtocolException {
        Command c = Command.decode(concat(hex("05"), ascii("ERROR"), hex("13"), ascii("Invalid socket type")));

        assertThat(c.name()).isEqualTo(Command.ERROR);
        assertThat(c.errorReason()).isEqualTo("Invalid socket type");
    }

    @Test
    void truncatesAnErrorReasonToTheShortSizeLimit() {
        Command c = Command.error("r".repeat(300));

        assertThat(c.data()[0] & 0xFF).isEqualTo(255);
        assertThat(c.data()).hasSize(256);
        assertThat(c.errorReason()).isEqualTo("r".repeat(255));
    }

    @Test
    void readsAMalformedErrorReasonWithoutFailing() {
        assertThat(new Command(Command.ERROR, new byte[0]).errorReason()).isEmpty();
        // Declares 9 bytes of reason but carries 2.
        assertThat(new Command(Command.ERROR, concat(hex("09"), ascii("ab"))).errorReason()).isEqualTo("ab");
    }

    @Test
    void namesTheRfcCommands() {
        assertThat(Command.READY).isEqualTo("READY");
        assertThat(Command.ERROR).isEqualTo("ERROR");
        assertThat(Command.PING).isEqualTo("PING");
        assertThat(Command.PONG).isEqualTo("PONG");
        assertThat(Command.SUBSCRIBE).isEqualTo("SUBSCRIBE");
        assertThat(Command.CANCEL).isEqualTo("CANCEL");
    }

    @Test
    void encodesPingWithTtlAndContextAndPongEchoingTheContext() throws ProtocolException {
        byte[] ping = new Command(Command.PING, hex("00 0a 63 74 78")).encodeFrame();
        byte[] pong = new Command(Command.PONG, ascii("ctx")).encodeFrame();

        assertThat(ping).isEqualTo(hex("04 0a 04 50 49 4e 47 00 0a 63 74 78"));
        assertThat(pong).isEqualTo(hex("04 08 04 50 4f 4e 47 63 74 78"));
        assertThat(Command.decode(Arrays.copyOfRange(pong, 2, pong.length)).name()).isEqualTo(Command.PONG);
    }

    @Test
    void refusesEmptyOrOverlongName() {
        assertThatThrownBy(() -> new Command("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Command("A".repeat(256), new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsA255CharacterNameOnBothSides() throws ProtocolException {
        Command c = new Command("N".repeat(255), hex("01"));

        byte[] body = c.encode();

        assertThat(body[0] & 0xFF).isEqualTo(255);
        assertThat(Command.decode(body).name()).isEqualTo("N".repeat(255));
    }

    @org.junit.jupiter.api.Test
    void libzmq43sErrorWithoutItsNameSizeIsReadAsTheErrorItMeans() throws Exception {
        // As libzmq 4.3.4's PLAIN server sends a refusal (seen on the wire): "^RROR", reason size, "400".
        byte[] body = {0x5E, 'R', 'R', 'O', 'R', 3, '4', '0', '0'};
        Command c = Command.decode(body);
        org.assertj.core.api.Assertions.assertThat(c.name()).isEqualTo(Command.ERROR);
        org.assertj.core.api.Assertions.assertThat(ErrorCommand.decode(c).reason()).isEqualTo("400");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Command.decode(new byte[] {0x5E, 'R', 'R', 'O', 'X', 0}))
                .isInstanceOf(ProtocolException.class);
    }
}
