package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.security.CurveKeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CURVE against a man in the middle between a PUSH client and a PULL server: one MESSAGE flipped,
 * replayed, dropped or swapped with the next closes the connection, and what was delivered is
 * exactly the messages before it, in order: nothing corrupted, replayed or reordered.
 */
@Timeout(60)
class CurveTamperingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TARGET = 5;
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    @ParameterizedTest
    @EnumSource(TamperingRelay.Tamper.class)
    void aTamperedMessageClosesTheConnectionAndNothingOfItIsDelivered(TamperingRelay.Tamper tamper) throws Exception {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(Option.LINGER, Duration.ZERO);
        pull.set(Option.CURVE_SERVER, true);
        pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(Option.LINGER, Duration.ZERO);
        push.set(Option.CURVE_SERVERKEY, serverKeys.publicKey());
        push.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
        push.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
        try (Monitor serverEvents = pull.monitor();
             TamperingRelay relay = new TamperingRelay(pull.bind("tcp://127.0.0.1:*"), tamper, TARGET)) {
            push.connect(relay.endpoint());
            for (int i = 0; i < 20; i++) {
                push.send("m" + i);
            }
            SocketEvent closed = Events.await(serverEvents, SocketEvent.Type.DISCONNECTED);
            assertThat(closed.reason()).contains("MESSAGE");
            List<String> delivered = new ArrayList<>();
            for (Message m; (m = pull.receive(Duration.ofMillis(300))) != null; ) {
                delivered.add(m.first().toUtf8());
            }
            List<String> expected = new ArrayList<>();
            // A replayed frame is refused after the original was delivered; the others before it.
            int before = tamper == TamperingRelay.Tamper.REPLAY ? TARGET + 1 : TARGET;
            for (int i = 0; i < before; i++) {
                expected.add("m" + i);
            }
            assertThat(delivered).as(tamper + " of message " + TARGET).isEqualTo(expected);
        }
    }
}
