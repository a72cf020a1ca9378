package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.ZmqException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handler's lifecycle, the address lists, domains and NULL, driven over inproc by a hand-made DEALER. */
@Timeout(60)
class AuthenticatorTest {
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void admitsNullWithTheRfcReplyFrames() {
        try (Authenticator auth = Authenticator.install(ctx); ZapClient client = new ZapClient(ctx)) {
            client.send(List.of(Frame.EMPTY, Frame.of("1.0"), Frame.of("0001"), Frame.of("test"),
                    Frame.of("192.168.55.1"), Frame.of("BOB"), Frame.of("NULL")));
            ZapClient.Reply reply = client.receive();

            assertThat(reply.version()).isEqualTo("1.0");
            assertThat(reply.requestIdText()).isEqualTo("0001");
            assertThat(reply.status()).isEqualTo("200");
            assertThat(reply.text()).isEqualTo("OK");
            assertThat(reply.userId()).isEmpty();
            assertThat(reply.metadata()).isEmpty();
            assertThat(auth.isRunning()).isTrue();
        }
    }

    @Test
    void echoesABinaryRequestIdVerbatim() {
        byte[] id = {0, (byte) 0xFF, 10, 13, 0};
        try (Authenticator auth = Authenticator.install(ctx); ZapClient client = new ZapClient(ctx)) {
            client.send(List.of(Frame.EMPTY, Frame.of("1.0"), Frame.of(id), Frame.of(""), Frame.of("10.0.0.1"),
                    Frame.EMPTY, Frame.of("NULL")));
            assertThat(client.receive().requestId()).containsExactly(id);
        }
    }

    @Test
    void keepsALongerEnvelopeForTheReply() {
        try (Authenticator auth = Authenticator.install(ctx); ZapClient client = new ZapClient(ctx)) {
            // A proxy's routing ids before the delimiter (rfc 27 "Proxy Handlers") come back as they went.
            client.send(List.of(Frame.of("hop-1"), Frame.of("hop-2"), Frame.EMPTY, Frame.of("1.0"), Frame.of("id"),
                    Frame.of(""), Frame.of("10.0.0.1"), Frame.EMPTY, Frame.of("NULL")));
            Message m = client.receiveRaw();
            assertThat(m.toStrings()).containsExactly("hop-1", "hop-2", "", "1.0", "id", "200", "OK", "", "");
        }
    }

    @Test
    void allowListAdmitsOnlyItsAddresses() {
        try (Authenticator auth = Authenticator.install(ctx).allow("10.0.0.1", "::1"); ZapClient client = new ZapClient(ctx)) {
            assertThat(client.nullFrom("10.0.0.1").status()).isEqualTo("200");
            assertThat(client.nullFrom("0:0:0:0:0:0:0:1").status()).as("::1 spelled out").isEqualTo("200");
            ZapClient.Reply refused = client.nullFrom("10.0.0.2");
            assertThat(refused.status()).isEqualTo("400");
            assertThat(refused.text()).isEqualTo("address not allowed");
            assertThat(refused.userId()).isEmpty();
        }
    }

    @Test
    void denyListRefusesItsAddressesForEveryMechanism() {
        try (Authenticator auth = Authenticator.install(ctx).deny("10.0.0.9").plain(Map.of("admin", "secret"));
             ZapClient client = new ZapClient(ctx)) {
            assertThat(client.nullFrom("10.0.0.8").status()).isEqualTo("200");
            ZapClient.Reply nullRefused = client.nullFrom("10.0.0.9");
            assertThat(nullRefused.status()).isEqualTo("400");
            assertThat(nullRefused.text()).isEqualTo("address denied");
            ZapClient.Reply plainRefused = client.request("", "10.0.0.9", "PLAIN", ZapClient.bytes("admin"), ZapClient.bytes("secret"));
            assertThat(plainRefused.status()).isEqualTo("400");
            assertThat(plainRefused.text()).isEqualTo("address denied");
        }
    }

    @Test
    void anAddressOnBothListsIsRefusedAndAnAllowedAddressStillNeedsItsCredentials() {
        try (Authenticator auth = Authenticator.install(ctx).allow("10.0.0.1", "10.0.0.2").deny("10.0.0.2")
                .plain(Map.of("admin", "secret"));
             ZapClient client = new ZapClient(ctx)) {
            assertThat(client.nullFrom("10.0.0.2").text()).isEqualTo("address denied");
            ZapClient.Reply wrong = client.request("", "10.0.0.1", "PLAIN", ZapClient.bytes("admin"), ZapClient.bytes("guess"));
            assertThat(wrong.status()).isEqualTo("400");
            assertThat(wrong.text()).isEqualTo("wrong user name or password");
        }
    }

    @Test
    void servesOnlyTheDomainsSet() {
        try (Authenticator auth = Authenticator.install(ctx).domain("global", "admin"); ZapClient client = new ZapClient(ctx)) {
            assertThat(client.request("global", "10.0.0.1", "NULL").status()).isEqualTo("200");
            assertThat(client.request("admin", "10.0.0.1", "NULL").status()).isEqualTo("200");
            ZapClient.Reply other = client.request("other", "10.0.0.1", "NULL");
            assertThat(other.status()).isEqualTo("400");
            assertThat(other.text()).isEqualTo("domain not served: 'other'");

            auth.domain();
            assertThat(client.request("other", "10.0.0.1", "NULL").status()).as("every domain again").isEqualTo("200");
        }
    }

    @Test
    void refusesUnknownMechanismsAndUnconfiguredOnes() {
        try (Authenticator auth = Authenticator.install(ctx); ZapClient client = new ZapClient(ctx)) {
            ZapClient.Reply gssapi = client.request("", "10.0.0.1", "GSSAPI", ZapClient.bytes("token"));
            assertThat(gssapi.status()).isEqualTo("400");
            assertThat(gssapi.text()).isEqualTo("mechanism not supported: GSSAPI");
            assertThat(client.plain("admin", "secret").text()).isEqualTo("PLAIN not configured");
            assertThat(client.curve(new byte[32]).text()).isEqualTo("CURVE not configured");
        }
    }

    @Test
    void takesPoliciesSetBeforeStartAndChangedWhileServing() {
        Authenticator auth = new Authenticator().plain(Map.of("admin", "secret"));
        try (auth; ZapClient client = new ZapClient(ctx)) {
            assertThat(auth.isRunning()).isFalse();
            auth.start(ctx);
            assertThat(client.plain("admin", "secret").status()).isEqualTo("200");
            assertThat(client.nullFrom("10.0.0.5").status()).isEqualTo("200");

            auth.deny("10.0.0.5").plain(Map.of("admin", "changed"));

            assertThat(client.nullFrom("10.0.0.5").status()).isEqualTo("400");
            assertThat(client.plain("admin", "secret").status()).isEqualTo("400");
            assertThat(client.plain("admin", "changed").status()).isEqualTo("200");
        }
    }

    @Test
    void answersManyClientsWithPipelinedRequests() throws Exception {
        int clients = 4;
        int requests = 50;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Authenticator auth = Authenticator.install(ctx).deny("10.0.0.99")) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int me = c;
                done.add(pool.submit(() -> {
                    try (ZapClient client = new ZapClient(ctx)) {
                        for (int i = 0; i < requests; i++) {
                            String address = i % 2 == 0 ? "10.0.0.99" : "10.0.1." + me;
                            client.send(List.of(Frame.EMPTY, Frame.of("1.0"), Frame.of(me + "/" + i), Frame.of(""),
                                    Frame.of(address), Frame.EMPTY, Frame.of("NULL")));
                        }
                        for (int i = 0; i < requests; i++) {
                            ZapClient.Reply r = client.receive();
                            assertThat(r.requestIdText()).isEqualTo(me + "/" + i);
                            assertThat(r.status()).isEqualTo(i % 2 == 0 ? "400" : "200");
                        }
                        return requests;
                    }
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(requests);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logsARefusalOncePerAddressAndReason() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Authenticator auth = Authenticator.install(ctx).deny("10.0.0.7", "10.0.0.8"); ZapClient client = new ZapClient(ctx)) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.nullFrom("10.0.0.7").status()).isEqualTo("400");
            }
            assertThat(client.nullFrom("10.0.0.8").status()).isEqualTo("400");
        } finally {
            System.setErr(original);
        }
        // Each reply is sent after its log line is written, so the lines are all there by now.
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(l -> l.contains("ZAP: refused NULL client 10.0.0.7 (domain global): address denied")))
                .hasSize(1);
        assertThat(log.lines().filter(l -> l.contains("ZAP: refused NULL client 10.0.0.8 (domain global): address denied")))
                .hasSize(1);
        assertThat(log).contains("INFO");
    }

    @Test
    void oneHandlerPerContextAndTheEndpointIsFreedOnClose() {
        Authenticator first = Authenticator.install(ctx);
        assertThatThrownBy(() -> Authenticator.install(ctx)).isInstanceOf(ZmqException.AddressInUseException.class);
        assertThatThrownBy(() -> first.start(ctx)).isInstanceOf(IllegalStateException.class)
                .hasMessage("authenticator: started (expected: a new authenticator)");

        first.close();
        first.close();
        assertThat(first.isRunning()).isFalse();
        assertThatThrownBy(() -> first.start(ctx)).isInstanceOf(IllegalStateException.class)
                .hasMessage("authenticator: closed (expected: a new authenticator)");

        try (Authenticator second = Authenticator.install(ctx); ZapClient client = new ZapClient(ctx)) {
            assertThat(client.nullFrom("10.0.0.1").status()).isEqualTo("200");
        }
    }

    @Test
    void stopsWhenItsContextCloses() {
        Context other = new Context();
        Authenticator auth = Authenticator.install(other);
        assertThat(auth.isRunning()).isTrue();
        other.close();
        Await.until(() -> !auth.isRunning(), ZapClient.WAIT, "the handler thread did not end with its context");
        auth.close();
    }

    @Test
    void refusesBlankAddresses() {
        Authenticator auth = new Authenticator();
        assertThatThrownBy(() -> auth.allow(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("address: ' ' (expected: an IP address, not blank)");
        assertThatThrownBy(() -> auth.deny((String) null)).isInstanceOf(IllegalArgumentException.class);
        auth.close();
    }
}
