package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.security.CurveKeyPair;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/** Any multipart message crosses a CURVE pair (real sockets over tcp) unchanged. */
class CurvePairPropertyTest {
    private Context ctx;
    private Socket pull;
    private Socket push;

    @BeforeProperty
    void connect() {
        ctx = new Context();
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        pull = ctx.socket(SocketType.PULL);
        pull.set(Option.CURVE_SERVER, true);
        pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        push = ctx.socket(SocketType.PUSH);
        push.set(Option.CURVE_SERVERKEY, serverKeys.publicKey());
        push.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
        push.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
        push.connect(pull.bind("tcp://127.0.0.1:*"));
    }

    @AfterProperty
    void close() {
        ctx.close();
    }

    @Property(tries = 200)
    void multipartMessagesRoundTripUnchanged(@ForAll @Size(min = 1, max = 6) List<@Size(max = 2000) byte[]> parts) {
        Message sent = Message.of(parts.toArray(new byte[0][]));
        assertThat(push.send(sent, Duration.ofSeconds(10))).isTrue();
        Message received = pull.receive(Duration.ofSeconds(10));
        assertThat(received).isEqualTo(sent);
    }
}
