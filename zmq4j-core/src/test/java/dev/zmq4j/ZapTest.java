package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZAP (rfc 27) as libzmq runs it: NULL asks the handler only with a ZAP_DOMAIN; 300 is a
 * temporary failure (no ERROR, the client retries); a malformed reply refuses with 500; a handler
 * that never answers is bounded by HANDSHAKE_IVL; a handler bound anew is asked from then on.
 */
@Timeout(60)
class ZapTest {
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

    private <T extends AutoCloseable> T closeLater(T c) {
        closing.add(c);
        return c;
    }

    @Test
    void nullAsksTheHandlerOnlyWithAZapDomain() throws Exception {
        ZapHandlerStub h = closeLater(new ZapHandlerStub(ctx, r -> ZapHandlerStub.Answer.ok("")));
        Socket pull = socket(SocketType.PULL);
        Socket push = socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("no domain");
        assertThat(pull.receive(WAIT).first().toUtf8()).isEqualTo("no domain");
        assertThat(h.requests).isEmpty();

        Socket pull2 = socket(SocketType.PULL);
        pull2.set(Option.ZAP_DOMAIN, "edge");
        Socket push2 = socket(SocketType.PUSH);
        push2.connect(pull2.bind("tcp://127.0.0.1:*"));
        push2.send("with domain");
        assertThat(pull2.receive(WAIT).first().toUtf8()).isEqualTo("with domain");
        ZapHandlerStub.Request r = h.requests.poll(1, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.mechanism()).isEqualTo("NULL");
        assertThat(r.domain()).isEqualTo("edge");
        assertThat(r.address()).isEqualTo("127.0.0.1");
        assertThat(r.credentials()).isEmpty();
    }

    @Test
    void nullRefusedByAddressFailsWithTheStatusCodeOnBothSides() {
        closeLater(new ZapHandlerStub(ctx, r -> r.address().equals("127.0.0.1")
                ? ZapHandlerStub.Answer.refuse("400") : ZapHandlerStub.Answer.ok("")));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.ZAP_DOMAIN, "edge");
        Socket push = socket(SocketType.PUSH);
        Monitor serverEvents = closeLater(pull.monitor());
        Monitor clientEvents = closeLater(push.monitor());
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.trySend("must not arrive");
        assertThat(Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
        assertThat(Events.await(clientEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(400);
        assertThat(pull.receive(Duration.ofMillis(200))).isNull();
    }

    @Test
    void status300IsATemporaryFailureAfterWhichTheClientRetries() throws Exception {
        AtomicReference<String> code = new AtomicReference<>("300");
        ZapHandlerStub h = closeLater(new ZapHandlerStub(ctx, r -> new ZapHandlerStub.Answer(code.get(), "busy", "")));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        Socket push = socket(SocketType.PUSH);
        push.set(Option.PLAIN_USERNAME, "alice");
        push.set(Option.PLAIN_PASSWORD, "secret");
        push.set(Option.RECONNECT_IVL, Duration.ofMillis(20));
        push.set(Option.RECONNECT_IVL_MAX, Duration.ofMillis(200));
        Monitor serverEvents = closeLater(pull.monitor());
        Monitor clientEvents = closeLater(push.monitor());
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        push.send("after the retry");
        assertThat(Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(300);
        // No ERROR for 300: the client sees its connection close, not a refusal, and tries again.
        Events.await(clientEvents, SocketEvent.Type.DISCONNECTED);
        Events.await(clientEvents, SocketEvent.Type.CONNECT_RETRIED);
        assertThat(h.requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        assertThat(h.requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        code.set("200");
        assertThat(pull.receive(WAIT).first().toUtf8()).isEqualTo("after the retry");
    }

    @Test
    void aMalformedReplyRefusesWith500() {
        closeLater(new ZapHandlerStub(ctx, r -> new ZapHandlerStub.Answer("999", "what", "")));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        Socket push = socket(SocketType.PUSH);
        push.set(Option.PLAIN_USERNAME, "alice");
        Monitor serverEvents = closeLater(pull.monitor());
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        assertThat(Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_AUTH).value()).isEqualTo(500);
    }

    @Test
    void aHandlerThatNeverAnswersIsBoundedByHandshakeIvl() {
        closeLater(new ZapHandlerStub(ctx, r -> null));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        pull.set(Option.HANDSHAKE_IVL, Duration.ofMillis(300));
        Socket push = socket(SocketType.PUSH);
        push.set(Option.PLAIN_USERNAME, "alice");
        Monitor serverEvents = closeLater(pull.monitor());
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        SocketEvent e = Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
        assertThat(e.type()).isEqualTo(SocketEvent.Type.HANDSHAKE_FAILED_NO_DETAIL);
    }

    @Test
    void aHandlerBoundAnewIsAskedFromThenOn() throws Exception {
        ZapHandlerStub first = new ZapHandlerStub(ctx, r -> ZapHandlerStub.Answer.ok("first"));
        Socket pull = socket(SocketType.PULL);
        pull.set(Option.PLAIN_SERVER, true);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        Socket push = socket(SocketType.PUSH);
        push.set(Option.PLAIN_USERNAME, "alice");
        push.connect(endpoint);
        push.send("one");
        assertThat(pull.receive(WAIT).property("User-Id")).contains("first");
        first.close();

        ZapHandlerStub second = closeLater(new ZapHandlerStub(ctx, r -> ZapHandlerStub.Answer.ok("second")));
        Socket push2 = socket(SocketType.PUSH);
        push2.set(Option.PLAIN_USERNAME, "bob");
        push2.connect(endpoint);
        push2.send("two");
        assertThat(pull.receive(WAIT).property("User-Id")).contains("second");
        assertThat(second.requests.poll(1, TimeUnit.SECONDS).credential(0)).isEqualTo("bob");
    }
}
