package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PLAIN (rfc 24) between zmq4j sockets: with no ZAP handler every client is accepted (as libzmq);
 * with one, the password decides, the user id reaches the messages, and a refusal is
 * HANDSHAKE_FAILED_AUTH with the status code on both sides with nothing delivered.
 */
@Timeout(60)
class PlainTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Context ctx = new Context();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    private Socket server() {
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        return pull;
    }

    private Socket client(String user, String password) {
        Socket push = socket(SocketType.PUSH);
        push.set(Option.PLAIN_USERNAME, user);
        push.set(Option.PLAIN_PASSWORD, password);
        return push;
    }

    private ZapHandlerStub handler(Map<String, String> passwords) {
        ZapHandlerStub h = new ZapHandlerStub(ctx, r -> r.mechanism().equals("PLAIN")
                && r.credential(1).equals(passwords.get(r.credential(0))) ? ZapHandlerStub.Answer.ok(r.credential(0))
                : ZapHandlerStub.Answer.refuse("400"));
        closing.add(h);
        return h;
    }

    @Test
    void withNoZapHandlerEveryClientIsAccepted() {
        Socket pull = server();
        Socket push = client("anyone", "anything");
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("hello");
        Message m = pull.receive(WAIT);
        assertThat(m.first().toUtf8()).isEqualTo("hello");
        assertThat(m.property("User-Id")).isEmpty();
        assertThat(pull.get(Option.MECHANISM)).isEqualTo("PLAIN");
        assertThat(push.get(Option.MECHANISM)).isEqualTo("PLAIN");
    }

    @Test
    void theRightPasswordPassesAndTheUserIdReachesTheMessages() throws Exception {
        ZapHandlerStub h = handler(Map.of("alice", "secret"));
        Socket pull = server();
        pull.set(Option.ZAP_DOMAIN, "global");
        Socket push = client("alice", "secret");
        push.set(Option.METADATA, Map.of("X-Role", "tester"));
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("hello");
        Message m = pull.receive(WAIT);
        assertThat(m.first().toUtf8()).isEqualTo("hello");
        assertThat(m.property("User-Id")).contains("alice");
        assertThat(m.property("X-Role")).contains("tester");
        assertThat(m.property("Socket-Type")).contains("PUSH");
        ZapHandlerStub.Request r = h.requests.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.version()).isEqualTo("1.0");
        assertThat(r.domain()).isEqualTo("global");
        assertThat(r.address()).isEqualTo("127.0.0.1");
        assertThat(r.mechanism()).isEqualTo("PLAIN");
        assertThat(r.credential(0)).isEqualTo("alice");
        assertThat(r.credential(1)).isEqualTo("secret");
    }

    @Test
    void aWrongPasswordIsRefusedOnBothSidesAndNothingIsDelivered() {
        handler(Map.of("alice", "secret"));
        Socket pull = server();
        Socket push = client("alice", "wrong");
        Monitor serverEvents = pull.monitor();
        Monitor clientEvents = push.monitor();
        closing.add(serverEvents);
        closing.add(clientEvents);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.trySend("must not arrive");
        SocketEvent server = Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        SocketEvent client = Events.await(clientEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH);
        assertThat(server.value()).isEqualTo(400);
        assertThat(client.value()).isEqualTo(400);
        assertThat(pull.receive(Duration.ofMillis(200))).isNull();
    }

    @Test
    void anEmptyUserNameSelectsNullAgain() {
        Socket push = client("alice", "secret");
        assertThat(push.get(Option.MECHANISM)).isEqualTo("PLAIN");
        push.set(Option.PLAIN_USERNAME, "");
        assertThat(push.get(Option.MECHANISM)).isEqualTo("NULL");
    }

    @Test
    void thePasswordIsNotShownInAnError() {
        Socket push = socket(SocketType.PUSH);
        String tooLong = "p".repeat(256);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> push.set(Option.PLAIN_PASSWORD, tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PLAIN_PASSWORD")
                .hasMessageNotContaining(tooLong);
    }
}
