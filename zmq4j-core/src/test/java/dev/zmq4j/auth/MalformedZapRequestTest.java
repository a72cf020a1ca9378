package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests that break rfc 27: answered 500 with the reason when the request id can be read,
 * dropped otherwise; the handler keeps serving either way.
 */
@Timeout(60)
class MalformedZapRequestTest {
    private final Context ctx = new Context();
    private Authenticator auth;
    private ZapClient client;

    @BeforeEach
    void start() {
        auth = Authenticator.install(ctx).plain(Map.of("admin", "secret")).curveAllowAny();
        client = new ZapClient(ctx);
    }

    @AfterEach
    void close() {
        client.close();
        auth.close();
        ctx.close();
    }

    /** A request of the given frames after the delimiter: version "1.0", request id "bad", then {@code rest}. */
    private ZapClient.Reply send(String version, String... rest) {
        List<Frame> frames = new ArrayList<>(List.of(Frame.EMPTY, Frame.of(version), Frame.of("bad")));
        for (String r : rest) {
            frames.add(Frame.of(r));
        }
        client.send(frames);
        ZapClient.Reply reply = client.receive();
        assertThat(reply.requestIdText()).isEqualTo("bad");
        assertThat(reply.version()).isEqualTo("1.0");
        assertThat(reply.userId()).isEmpty();
        assertThat(reply.metadata()).isEmpty();
        return reply;
    }

    private void assertError(ZapClient.Reply reply, String reason) {
        assertThat(reply.status()).isEqualTo("500");
        assertThat(reply.text()).isEqualTo(reason);
    }

    @Test
    void answersAnotherVersionWith500() {
        assertError(send("2.0", "", "10.0.0.1", "", "NULL"), "version: 2.0 (expected: 1.0)");
    }

    @Test
    void answersAMissingHeaderFrameWith500() {
        assertError(send("1.0", "", "10.0.0.1", ""),
                "request: 5 frames after the delimiter (expected: >= 6: version, request id, domain, address, identity, mechanism)");
    }

    @Test
    void answersAnEmptyMechanismWith500() {
        assertError(send("1.0", "", "10.0.0.1", "", ""), "mechanism: empty (expected: NULL, PLAIN, CURVE or another name)");
    }

    @Test
    void answersWrongCredentialCountsWith500() {
        assertError(send("1.0", "", "10.0.0.1", "", "NULL", "extra"), "NULL credentials: 1 frames (expected: 0)");
        assertError(send("1.0", "", "10.0.0.1", "", "PLAIN", "admin"), "PLAIN credentials: 1 frames (expected: 2)");
        assertError(send("1.0", "", "10.0.0.1", "", "PLAIN", "admin", "secret", "more"), "PLAIN credentials: 3 frames (expected: 2)");
        assertError(send("1.0", "", "10.0.0.1", "", "CURVE"), "CURVE credentials: 0 frames (expected: 1)");
    }

    @Test
    void answersACurveKeyOfTheWrongLengthWith500() {
        assertError(send("1.0", "", "10.0.0.1", "", "CURVE", "x".repeat(31)), "CURVE public key: 31 bytes (expected: 32)");
        // 40 characters: Z85 text is not what ZAP carries (32 raw bytes).
        assertError(send("1.0", "", "10.0.0.1", "", "CURVE", "x".repeat(40)), "CURVE public key: 40 bytes (expected: 32)");
    }

    @Test
    void answersNonAsciiOrOverlongFieldsWith500() {
        assertError(send("1.0", "dom\u00e4in", "10.0.0.1", "", "NULL"), "domain: byte 3 is 0xc3 (expected: printable ASCII)");
        assertError(send("1.0", "", "10.0.0.1\n", "", "NULL"), "address: byte 8 is 0xa (expected: printable ASCII)");
        assertError(send("1.0", "d".repeat(256), "10.0.0.1", "", "NULL"), "domain: 256 bytes (expected: <= 255)");
        assertError(send("1.0", "", "10.0.0.1", "i".repeat(256), "NULL"), "identity: 256 bytes (expected: <= 255)");
    }

    @Test
    void dropsARequestWithoutDelimiterOrRequestIdAndServesTheNext() {
        // No empty frame at all: there is no envelope to answer to. (An empty domain or identity
        // frame would be taken for the delimiter, as the envelope rule says.)
        client.send(List.of(Frame.of("1.0"), Frame.of("lost-1"), Frame.of("global"), Frame.of("10.0.0.1"),
                Frame.of("id"), Frame.of("NULL")));
        // A version and nothing else: no request id to answer with.
        client.send(List.of(Frame.EMPTY, Frame.of("1.0")));
        // A delimiter only.
        client.send(List.of(Frame.EMPTY));

        // Replies come in order: if either of the first ones were answered, its reply would come first.
        ZapClient.Reply next = client.nullFrom("10.0.0.1");
        assertThat(next.status()).isEqualTo("200");
    }

    @Test
    void keepsServingWellFormedRequestsAfterMalformedOnes() {
        assertError(send("0.9", "", "10.0.0.1", "", "NULL"), "version: 0.9 (expected: 1.0)");
        assertThat(client.plain("admin", "secret").status()).isEqualTo("200");
        assertThat(client.plain("admin", "secret").userId()).isEqualTo("admin");
    }
}
