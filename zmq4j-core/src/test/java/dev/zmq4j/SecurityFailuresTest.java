package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.security.CurveKeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Explicit failures: a mechanism mismatch and a wrong server key are protocol failures on the side
 * that can know them; a refused client retries with back-off (RECONNECT_IVL doubling up to
 * RECONNECT_IVL_MAX), never in a tight loop.
 */
@Timeout(60)
class SecurityFailuresTest {
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    private static void curveClient(Socket s, byte[] serverKey) {
        CurveKeyPair keys = CurveKeyPair.generate();
        s.set(Option.CURVE_SERVERKEY, serverKey);
        s.set(Option.CURVE_PUBLICKEY, keys.publicKey());
        s.set(Option.CURVE_SECRETKEY, keys.secretKey());
    }

    @Test
    void aMechanismMismatchIsAProtocolFailureOnBothSides() {
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        curveClient(push, CurveKeyPair.generate().publicKey());
        try (Monitor server = pull.monitor(); Monitor client = push.monitor()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            assertThat(Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL).reason())
                    .contains("peer mechanism: CURVE (expected: NULL)");
            assertThat(Events.await(client, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL).reason())
                    .contains("peer mechanism: NULL (expected: CURVE)");
        }
    }

    @Test
    void aWrongServerKeyFailsTheHandshakeOnTheServerThatCannotOpenTheHello() {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.CURVE_SERVER, true);
        pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        Socket push = socket(SocketType.PUSH);
        curveClient(push, CurveKeyPair.generate().publicKey());
        try (Monitor server = pull.monitor()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.trySend("never");
            assertThat(Events.await(server, SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL).reason()).contains("HELLO");
        }
        assertThat(pull.receive(Duration.ofMillis(100))).isNull();
    }

    @Test
    void aRefusedClientRetriesWithBackOff() {
        try (ZapHandlerStub zap = new ZapHandlerStub(ctx, r -> ZapHandlerStub.Answer.refuse("400"))) {
            Socket pull = socket(SocketType.PULL);
            pull.set(Option.PLAIN_SERVER, true);
            Socket push = socket(SocketType.PUSH);
            push.set(Option.PLAIN_USERNAME, "mallory");
            push.set(Option.PLAIN_PASSWORD, "guess");
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(10));
            push.set(Option.RECONNECT_IVL_MAX, Duration.ofMillis(80));
            List<Long> delays = new ArrayList<>();
            try (Monitor client = push.monitor()) {
                push.connect(pull.bind("tcp://127.0.0.1:*"));
                while (delays.size() < 5) {
                    Events.await(client, SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
                    delays.add(Events.await(client, SocketEvent.Type.CONNECT_RETRIED).value());
                }
            }
            assertThat(delays).containsExactly(10L, 20L, 40L, 80L, 80L);
        }
    }
}
