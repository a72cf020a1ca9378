package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Events;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Authenticator installed in one line, deciding real handshakes through the sockets' ZAP client. */
@Timeout(60)
class AuthenticatorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final Context ctx = new Context();
    private final Authenticator auth = Authenticator.install(ctx);

    @AfterEach
    void close() {
        auth.close();
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    @Test
    void plainPasswordsDecideAndTheUserIdArrives() {
        auth.plain(Map.of("alice", "secret"));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        String ep = pull.bind("tcp://127.0.0.1:*");
        Socket good = socket(SocketType.PUSH);
        good.set(Option.PLAIN_USERNAME, "alice");
        good.set(Option.PLAIN_PASSWORD, "secret");
        Socket bad = socket(SocketType.PUSH);
        bad.set(Option.PLAIN_USERNAME, "alice");
        bad.set(Option.PLAIN_PASSWORD, "guess");
        try (Monitor badEvents = bad.monitor()) {
            bad.connect(ep);
            bad.trySend("from the wrong password");
            assertThat(Events.await(badEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
        }
        good.connect(ep);
        good.send("from alice");
        Message m = pull.receive(WAIT);
        assertThat(m.first().toUtf8()).isEqualTo("from alice");
        assertThat(m.property("User-Id")).contains("alice");
        assertThat(pull.receive(Duration.ofMillis(100))).isNull();
    }

    @Test
    void aDeniedAddressIsRefusedUnderNullWithAZapDomain() {
        auth.deny("127.0.0.1");
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.ZAP_DOMAIN, "global");
        Socket push = socket(SocketType.PUSH);
        try (Monitor serverEvents = pull.monitor()) {
            push.connect(pull.bind("tcp://127.0.0.1:*"));
            push.trySend("refused");
            assertThat(Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
        }
        assertThat(pull.receive(Duration.ofMillis(100))).isNull();
    }
}
