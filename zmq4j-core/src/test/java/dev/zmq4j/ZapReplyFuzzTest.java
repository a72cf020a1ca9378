package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.fuzz.Script;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for ZAP replies as a connection's mechanism receives them ({@link ZapClient#parse}),
 * docs/RELIABILITY.md, "Fuzzing".
 *
 * <pre>
 * input: seven times | length | bytes ... | (empty delimiter, version, request id, status code,
 *        status text, user id, metadata)
 * </pre>
 */
class ZapReplyFuzzTest {
    /**
     * Never throws: a malformed reply becomes a 500 (the peer is refused); a reply's status is
     * 200, 300, 400 or 500, and a well-formed one keeps the handler's code, user id and metadata.
     */
    @FuzzTest
    void parsesAnyReply(byte[] input) {
        Script script = new Script(input);
        List<Frame> frames = new ArrayList<>(7);
        for (int i = 0; i < 7; i++) {
            frames.add(Frame.of(script.take(script.next())));
        }
        Message m = Message.of(frames);

        Zap.Reply reply = ZapClient.parse("7", m);

        assertThat(reply.requestId()).isEqualTo("7");
        assertThat(reply.statusCode()).isIn(200, 300, 400, 500);
        assertThat(reply.metadata()).isNotNull();
        assertThat(reply.userId()).isNotNull();
        boolean wellFormed = m.frame(1).toUtf8().equals("1.0") && m.frame(3).toUtf8().matches("[2345]00");
        try {
            Metadata.decode(m.frame(6).toByteArray(), 0);
        } catch (ProtocolException e) {
            wellFormed = false;
        }
        if (wellFormed) {
            assertThat(reply.statusText()).isEqualTo(m.frame(4).toUtf8());
            assertThat(reply.statusCode()).isEqualTo(Integer.parseInt(m.frame(3).toUtf8()));
            assertThat(reply.metadata().encode()).isEqualTo(m.frame(6).toByteArray());
        }
    }
}
