package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.fuzz.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for ZAP requests as the {@link Authenticator} receives them (docs/RELIABILITY.md, "Fuzzing"):
 * {@link ZapRequest#parse}, then the policy's decision and the reply.
 *
 * <pre>
 * input: | frame count (mod 16, at least 1) | length | bytes ... | length | bytes ... | ...
 * </pre>
 */
class ZapFuzzTest {
    private static final ZapPolicy POLICY = new ZapPolicy();

    static {
        POLICY.deny("192.0.2.66", "2001:db8::66");
        POLICY.plain(Map.of("admin", "secret"));
        try {
            POLICY.curveAllowAny();
        } catch (java.io.IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Only {@link ZapRequest.Malformed}; a request that parses satisfies rfc 27's rules (printable
     * ASCII of at most 255 bytes, the credentials its mechanism needs), the policy decides it
     * without throwing, and the reply goes back behind the request's envelope with rfc 27's six
     * frames; a malformed request is answered the same way when its envelope and id were read.
     */
    @FuzzTest
    void parsesAnyRequest(byte[] input) {
        Message message = message(new Script(input));
        ZapReply reply;
        List<Frame> envelope;
        try {
            ZapRequest r = ZapRequest.parse(message);
            envelope = r.envelope();
            assertThat(message.size()).isEqualTo(envelope.size() + 6 + r.credentials().size());
            assertThat(r.domain().length()).isLessThanOrEqualTo(255);
            assertThat(r.address().length()).isLessThanOrEqualTo(255);
            assertThat(r.identity().length).isLessThanOrEqualTo(255);
            assertThat(r.mechanism()).isNotEmpty();
            assertThat((r.domain() + r.address() + r.mechanism()).chars().allMatch(c -> c >= 0x20 && c <= 0x7E)).isTrue();
            switch (r.mechanism()) {
                case "NULL" -> assertThat(r.credentials()).isEmpty();
                case "PLAIN" -> assertThat(r.credentials()).hasSize(2);
                case "CURVE" -> assertThat(r.credentials()).singleElement().satisfies(k -> assertThat(k).hasSize(32));
                default -> { }
            }
            reply = POLICY.decide(r);
            assertThat(reply.status()).isIn(ZapReply.OK, ZapReply.REFUSED);
            Message out = reply.toMessage(envelope, r.requestId());
            assertThat(out.frame(envelope.size() + 1).toByteArray()).isEqualTo(r.requestId());
        } catch (ZapRequest.Malformed e) {
            if (!e.answerable()) {
                return;
            }
            envelope = e.envelope;
            reply = ZapReply.error(e.getMessage());
            assertThat(reply.toMessage(envelope, e.requestId).frame(envelope.size() + 3).size()).isLessThanOrEqualTo(255 * 3);
        }
        Message out = reply.toMessage(envelope, new byte[0]);
        assertThat(out.size()).isEqualTo(envelope.size() + 6);
        assertThat(envelope.get(envelope.size() - 1).isEmpty()).as("the envelope ends with its delimiter").isTrue();
    }

    private static Message message(Script script) {
        int count = 1 + script.next() % 16;
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            frames.add(Frame.of(script.take(script.next())));
        }
        return Message.of(frames);
    }
}
