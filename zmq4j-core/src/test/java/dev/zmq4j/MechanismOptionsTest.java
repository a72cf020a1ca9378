package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.security.Z85;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which mechanism the options select (libzmq's rules: the last mechanism option set decides), and the key options' forms. */
class MechanismOptionsTest {
    /** A 32-byte key as 40 Z85 characters. */
    private static final String Z85_KEY = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
    private final Context ctx = new Context();
    private final Socket s = ctx.socket(SocketType.DEALER);

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void theLastMechanismOptionSetDecides() {
        assertThat(s.get(Option.MECHANISM)).isEqualTo("NULL");
        s.set(Option.PLAIN_SERVER, true);
        assertThat(s.get(Option.MECHANISM)).isEqualTo("PLAIN");
        s.set(Option.CURVE_SERVER, true);
        assertThat(s.get(Option.MECHANISM)).isEqualTo("CURVE");
        s.set(Option.CURVE_SERVER, false);
        assertThat(s.get(Option.MECHANISM)).isEqualTo("NULL");
        s.set(Option.PLAIN_USERNAME, "alice");
        assertThat(s.get(Option.MECHANISM)).isEqualTo("PLAIN");
        s.set(Option.CURVE_SERVERKEY, Z85_KEY.getBytes(StandardCharsets.US_ASCII));
        assertThat(s.get(Option.MECHANISM)).isEqualTo("CURVE");
        s.set(Option.PLAIN_SERVER, false);
        assertThat(s.get(Option.MECHANISM)).isEqualTo("NULL");
    }

    @Test
    void mechanismIsReadOnly() {
        assertThat(Option.MECHANISM.isReadOnly()).isTrue();
        assertThatThrownBy(() -> s.set(Option.MECHANISM, "PLAIN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MECHANISM: read-only");
    }

    @Test
    void aKeyIsTakenAs32BytesOr40Z85CharactersAndReadBackAs32Bytes() {
        byte[] raw = Z85.decode(Z85_KEY);
        s.set(Option.CURVE_PUBLICKEY, Z85_KEY.getBytes(StandardCharsets.US_ASCII));
        assertThat(s.get(Option.CURVE_PUBLICKEY)).isEqualTo(raw);
        s.set(Option.CURVE_SERVERKEY, raw);
        assertThat(s.get(Option.CURVE_SERVERKEY)).isEqualTo(raw);
        byte[] cString = (Z85_KEY + "\0").getBytes(StandardCharsets.US_ASCII);
        s.set(Option.CURVE_SECRETKEY, cString);
        assertThat(s.get(Option.CURVE_SECRETKEY)).isEqualTo(raw);
    }

    @Test
    void aBadKeyIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> s.set(Option.CURVE_SECRETKEY, new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CURVE_SECRETKEY: 31 bytes (expected: 32 bytes or 40 Z85 characters)");
        byte[] notZ85 = "~".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> s.set(Option.CURVE_SECRETKEY, notZ85)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("~~~");
    }

    @Test
    void aCurveClientWithoutItsKeysCannotConnect() {
        s.set(Option.LINGER, Duration.ZERO);
        s.set(Option.CURVE_SERVERKEY, Z85_KEY.getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> s.connect("tcp://127.0.0.1:5555")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CURVE_PUBLICKEY: not set");
    }

    @Test
    void aCurveServerWithoutItsSecretKeyCannotBind() {
        s.set(Option.CURVE_SERVER, true);
        assertThatThrownBy(() -> s.bind("tcp://127.0.0.1:*")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CURVE_SECRETKEY: not set");
    }
}
