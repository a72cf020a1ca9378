package dev.zmq4j.mechanism.plain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** PLAIN's two state machines on commands alone: the exchange of rfc 24, ZAP's verdicts, and malformed input. */
class PlainMechanismTest {
    private static final Metadata CLIENT_META = Metadata.of(Map.of("Socket-Type", "DEALER".getBytes(StandardCharsets.US_ASCII)));
    private static final Metadata SERVER_META = Metadata.of(Map.of("Socket-Type", "ROUTER".getBytes(StandardCharsets.US_ASCII)));

    /** A ZAP client that keeps the request and lets the test answer. */
    static final class FakeZap implements Zap {
        final List<Request> requests = new ArrayList<>();
        Consumer<Reply> pending;
        final boolean installed;

        FakeZap(boolean installed) {
            this.installed = installed;
        }

        @Override
        public boolean authenticate(Request request, Consumer<Reply> reply) {
            if (!installed) {
                return false;
            }
            requests.add(request);
            pending = reply;
            return true;
        }

        void answer(int code, String userId) {
            pending.accept(new Reply("1", code, "text", userId, Metadata.empty()));
        }
    }

    private static Mechanism client(String user, String password) {
        return Plain.client(user, password).create(new MechanismFactory.Connection(CLIENT_META, "", () -> { }));
    }

    private static Mechanism server(Zap zap, int[] wakes) {
        return Plain.server(zap, "dom", "srv".getBytes(StandardCharsets.US_ASCII))
                .create(new MechanismFactory.Connection(SERVER_META, "10.0.0.7", () -> wakes[0]++));
    }

    private static List<Command> deliver(Mechanism to, List<Command> commands) throws ProtocolException {
        List<Command> out = new ArrayList<>();
        for (Command c : commands) {
            out.addAll(to.onCommand(Command.decode(c.encode())));
        }
        return out;
    }

    @Test
    void theExchangeOfRfc24WithAZapHandlerThatAccepts() throws Exception {
        FakeZap zap = new FakeZap(true);
        int[] wakes = {0};
        Mechanism c = client("alice", "secret");
        Mechanism s = server(zap, wakes);
        assertThat(s.asServer()).isTrue();
        assertThat(c.asServer()).isFalse();
        List<Command> hello = c.start(Greeting.of("PLAIN", true));
        assertThat(s.start(Greeting.of("PLAIN", false))).isEmpty();
        assertThat(hello).extracting(Command::name).containsExactly("HELLO");
        assertThat(deliver(s, hello)).isEmpty();
        assertThat(zap.requests).singleElement().satisfies(r -> {
            assertThat(r.mechanism()).isEqualTo("PLAIN");
            assertThat(r.domain()).isEqualTo("dom");
            assertThat(r.address()).isEqualTo("10.0.0.7");
            assertThat(new String(r.identity(), StandardCharsets.US_ASCII)).isEqualTo("srv");
            assertThat(r.credentials()).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactly("alice", "secret");
        });
        zap.answer(200, "alice-id");
        assertThat(wakes[0]).isEqualTo(1);
        List<Command> welcome = s.resume();
        assertThat(welcome).extracting(Command::name).containsExactly("WELCOME");
        List<Command> initiate = deliver(c, welcome);
        assertThat(initiate).extracting(Command::name).containsExactly("INITIATE");
        List<Command> ready = deliver(s, initiate);
        assertThat(ready).extracting(Command::name).containsExactly("READY");
        assertThat(s.status()).isEqualTo(MechanismStatus.READY);
        assertThat(deliver(c, ready)).isEmpty();
        assertThat(c.status()).isEqualTo(MechanismStatus.READY);
        assertThat(s.userId()).isEqualTo("alice-id");
        assertThat(s.peerMetadata().getString("Socket-Type")).isEqualTo("DEALER");
        assertThat(c.peerMetadata().getString("Socket-Type")).isEqualTo("ROUTER");
    }

    @Test
    void withNoHandlerTheServerWelcomesAtOnce() throws Exception {
        Mechanism s = server(new FakeZap(false), new int[1]);
        s.start(Greeting.of("PLAIN", false));
        assertThat(deliver(s, client("u", "p").start(Greeting.of("PLAIN", true)))).extracting(Command::name).containsExactly("WELCOME");
        assertThat(s.userId()).isEmpty();
    }

    @Test
    void aRefusalSendsTheCodeAsErrorAndTheClientReadsIt() throws Exception {
        FakeZap zap = new FakeZap(true);
        Mechanism c = client("alice", "wrong");
        Mechanism s = server(zap, new int[1]);
        s.start(Greeting.of("PLAIN", false));
        deliver(s, c.start(Greeting.of("PLAIN", true)));
        zap.answer(400, "");
        List<Command> error = s.resume();
        assertThat(error).singleElement().satisfies(e -> assertThat(e.errorReason()).isEqualTo("400"));
        assertThat(s.status().state()).isEqualTo(MechanismStatus.State.FAILED);
        assertThat(s.status().errorCode()).isEqualTo(400);
        deliver(c, error);
        assertThat(c.status().errorCode()).isEqualTo(400);
    }

    @Test
    void aTemporaryFailureSendsNothing() throws Exception {
        FakeZap zap = new FakeZap(true);
        Mechanism s = server(zap, new int[1]);
        s.start(Greeting.of("PLAIN", false));
        deliver(s, client("a", "b").start(Greeting.of("PLAIN", true)));
        zap.answer(300, "");
        assertThat(s.resume()).isEmpty();
        assertThat(s.status().errorCode()).isEqualTo(300);
    }

    @Test
    void malformedHellosAreProtocolErrors() throws Exception {
        for (byte[] body : List.of(new byte[0], new byte[] {1}, new byte[] {5, 'a', 0}, new byte[] {1, 'a', 1, 'b', 'c'},
                new byte[] {1, 'a', 2, 'b'})) {
            Mechanism s = server(new FakeZap(false), new int[1]);
            s.start(Greeting.of("PLAIN", false));
            assertThatThrownBy(() -> s.onCommand(new Command("HELLO", body))).isInstanceOf(ProtocolException.class)
                    .hasMessageContaining("HELLO");
        }
    }

    @Test
    void rolesAndCommandsOutOfOrderAreProtocolErrors() throws Exception {
        // libzmq sends as-server 0 whatever its role: a client takes a server's 0.
        assertThat(client("a", "b").start(Greeting.of("PLAIN", false))).extracting(Command::name).containsExactly("HELLO");
        assertThatThrownBy(() -> server(null, new int[1]).start(Greeting.of("PLAIN", true))).isInstanceOf(ProtocolException.class);
        Mechanism s = server(null, new int[1]);
        s.start(Greeting.of("PLAIN", false));
        assertThatThrownBy(() -> s.onCommand(new Command("INITIATE", new byte[0]))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("expected: HELLO");
        Mechanism c = client("a", "b");
        c.start(Greeting.of("PLAIN", true));
        assertThatThrownBy(() -> c.onCommand(new Command("READY", new byte[0]))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("WELCOME");
        assertThatThrownBy(() -> c.onCommand(new Command("WELCOME", new byte[] {1}))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("WELCOME body");
    }
}
