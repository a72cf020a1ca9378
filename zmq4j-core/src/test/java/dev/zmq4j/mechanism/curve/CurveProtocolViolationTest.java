package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.CurveKeyPair;
import static dev.zmq4j.mechanism.curve.CurvePeers.CLIENT_GREETING;
import static dev.zmq4j.mechanism.curve.CurvePeers.SERVER_GREETING;
import static dev.zmq4j.mechanism.curve.CurvePeers.only;
import static dev.zmq4j.mechanism.curve.CurvePeers.upToInitiate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.ProtocolException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Every command of the CURVE handshake malformed, out of order or forged, one field at a time: each
 * is a {@link ProtocolException} whose message names the field (rfc 26: "SHALL validate all
 * fields").
 */
class CurveProtocolViolationTest {
    private final CurvePeers peers = new CurvePeers();

    private static Command withData(Command c, UnaryOperator<byte[]> change) {
        return new Command(c.name(), change.apply(c.data().clone()));
    }

    private static byte[] flip(byte[] d, int at) {
        d[at] ^= 0x01;
        return d;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(Mechanism m, Command c) {
        return assertThatThrownBy(() -> m.onCommand(c)).isInstanceOf(ProtocolException.class);
    }

    /** A server that has had no command yet, and a valid HELLO for it. */
    private Command helloFor(Mechanism server) throws ProtocolException {
        server.start(CLIENT_GREETING);
        return only(peers.client().start(SERVER_GREETING));
    }

    @Test
    void helloOfTheWrongSize() throws Exception {
        Mechanism server = peers.server();
        Command hello = helloFor(server);
        refused(server, withData(hello, d -> Arrays.copyOf(d, d.length - 1))).hasMessage("HELLO size: 199 (expected: 200)");
        refused(server, withData(hello, d -> Arrays.copyOf(d, d.length + 1))).hasMessage("HELLO size: 201 (expected: 200)");
    }

    @Test
    void helloOfAnotherVersion() throws Exception {
        Mechanism server = peers.server();
        Command hello = helloFor(server);
        refused(server, withData(hello, d -> {
            d[0] = 2;
            return d;
        })).hasMessage("HELLO version: 2.0 (expected: 1.0)");
        refused(server, withData(hello, d -> flip(d, 1))).hasMessage("HELLO version: 1.1 (expected: 1.0)");
    }

    @Test
    void helloWithPaddingThatIsNotZero() throws Exception {
        Mechanism server = peers.server();
        refused(server, withData(helloFor(server), d -> flip(d, 2 + 71))).hasMessage("HELLO padding byte 71: 0x01 (expected: 0x00)");
    }

    @Test
    void helloWhoseSignatureOrTransientKeyWasChanged() throws Exception {
        Mechanism server = peers.server();
        Command hello = helloFor(server);
        for (int at : new int[] {74, 105, 106, 113, 114, 193}) {
            refused(server, withData(hello, d -> flip(d, at))).as("byte %d flipped", at)
                    .hasMessageStartingWith("HELLO: signature box does not open");
        }
        assertThat(server.status()).isEqualTo(MechanismStatus.HANDSHAKING);
    }

    @Test
    void helloFromALowOrderTransientKey() throws Exception {
        Mechanism server = peers.server();
        refused(server, withData(helloFor(server), d -> {
            Arrays.fill(d, 74, 106, (byte) 0);
            return d;
        })).hasMessageStartingWith("HELLO client transient key: a low-order point");
    }

    @Test
    void commandsOutOfOrderAtTheServer() throws Exception {
        Mechanism server = peers.server();
        Command hello = helloFor(server);
        refused(server, new Command("INITIATE", new byte[300])).hasMessage("command: INITIATE (expected: HELLO)");
        refused(server, Command.error("400")).hasMessage("command: ERROR (expected: HELLO)");
        server.onCommand(hello);
        refused(server, hello).hasMessage("command: HELLO (expected: INITIATE)");
    }

    @Test
    void commandsOutOfOrderAtTheClient() throws Exception {
        Mechanism client = peers.client();
        client.start(SERVER_GREETING);
        refused(client, new Command("READY", new byte[40])).hasMessage("command: READY (expected: WELCOME or ERROR)");
        refused(client, new Command("HELLO", new byte[194])).hasMessage("command: HELLO (expected: WELCOME or ERROR)");
    }

    @Test
    void anErrorWhoseReasonIsNotAStatusCode() throws Exception {
        Mechanism client = peers.client();
        client.start(SERVER_GREETING);
        refused(client, Command.error("go away")).hasMessage("peer sent ERROR: go away");
    }

    @Test
    void aServerRefusesAPeerThatSaysItIsAServerToo() {
        assertThatThrownBy(() -> peers.server().start(SERVER_GREETING)).isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("greeting as-server: 0x01 (expected: 0x00");
    }

    @Test
    void aClientTakesAServerGreetingWithAsServerZeroAsLibzmqSendsItButNotAHelloForAWelcome() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        Command hello = only(client.start(CLIENT_GREETING));
        server.start(CLIENT_GREETING);
        Command ready = only(server.onCommand(only(client.onCommand(only(server.onCommand(hello))))));
        client.onCommand(ready);
        assertThat(client.status()).isEqualTo(MechanismStatus.READY);

        Mechanism otherClient = peers.client();
        otherClient.start(CLIENT_GREETING);
        refused(otherClient, hello).hasMessage("command: HELLO (expected: WELCOME or ERROR)");
    }

    @Test
    void welcomeOfTheWrongSizeOrTamperedWith() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        Command hello = only(client.start(SERVER_GREETING));
        server.start(CLIENT_GREETING);
        Command welcome = only(server.onCommand(hello));
        refused(client, withData(welcome, d -> Arrays.copyOf(d, d.length - 1))).hasMessage("WELCOME size: 167 (expected: 168)");
        refused(client, withData(welcome, d -> Arrays.copyOf(d, d.length + 1))).hasMessage("WELCOME size: 169 (expected: 168)");
        for (int at : new int[] {0, 15, 16, 31, 32, 159}) {
            refused(client, withData(welcome, d -> flip(d, at))).hasMessage("WELCOME: box does not open (wrong server key?)");
        }
        assertThat(client.onCommand(welcome)).as("the genuine WELCOME still opens").hasSize(1);
    }

    @Test
    void initiateTooShort() throws Exception {
        Mechanism server = peers.server();
        Command initiate = upToInitiate(peers.client(), server);
        refused(server, withData(initiate, d -> Arrays.copyOf(d, 248 - 1))).hasMessage("INITIATE size: 256 (expected: >= 257)");
    }

    @Test
    void initiateWithAReplayedShortNonce() throws Exception {
        Mechanism server = peers.server();
        Command initiate = upToInitiate(peers.client(), server);
        refused(server, withData(initiate, d -> {
            CurveCommands.putLong(d, 96, 1);
            return d;
        })).hasMessage("INITIATE short nonce: 1 (expected: > 1, the HELLO's)");
    }

    @Test
    void initiateWithATamperedCookie() throws Exception {
        Mechanism server = peers.server();
        Command initiate = upToInitiate(peers.client(), server);
        refused(server, withData(initiate, d -> flip(d, 40))).hasMessageStartingWith("INITIATE cookie: box does not open");
    }

    @Test
    void theCookieKeyIsUsedOnce() throws Exception {
        Mechanism server = peers.server();
        Command initiate = upToInitiate(peers.client(), server);
        refused(server, withData(initiate, d -> flip(d, 200))).hasMessageStartingWith("INITIATE: box does not open");
        // Even the genuine INITIATE now fails: the cookie key was wiped after one use.
        refused(server, initiate).hasMessageStartingWith("INITIATE cookie: box does not open");
    }

    @Test
    void initiateWithATamperedBox() throws Exception {
        for (int at : new int[] {104, 119, 120, 300}) {
            Mechanism server = peers.server();
            Command initiate = upToInitiate(peers.client(), server);
            refused(server, withData(initiate, d -> flip(d, Math.min(at, d.length - 1))))
                    .hasMessageStartingWith("INITIATE: box does not open");
        }
    }

    @Test
    void aVouchForAnotherServer() throws Exception {
        Mechanism server = peers.server();
        CurvePeers.ScriptedClient forged = peers.new ScriptedClient();
        forged.vouchServer = CurveKeyPair.generate().publicKey();
        refused(server, forged.initiate(server)).hasMessage("INITIATE vouch: for another server (expected: our public key)");
    }

    @Test
    void aVouchForAnotherTransientKey() throws Exception {
        Mechanism server = peers.server();
        CurvePeers.ScriptedClient forged = peers.new ScriptedClient();
        forged.vouchTransient = CurveKeyPair.generate().publicKey();
        refused(server, forged.initiate(server)).hasMessage("INITIATE vouch: for another transient key (expected: the HELLO's C')");
    }

    @Test
    void aClientClaimingAKeyItDoesNotOwn() throws Exception {
        Mechanism server = peers.server();
        CurvePeers.ScriptedClient forged = peers.new ScriptedClient();
        forged.claimedKey = CurveKeyPair.generate().publicKey();
        refused(server, forged.initiate(server)).hasMessageStartingWith("INITIATE vouch: box does not open");
    }

    @Test
    void aScriptedClientPlayingByTheRulesIsAccepted() throws Exception {
        Mechanism server = peers.server();
        assertThat(server.onCommand(peers.new ScriptedClient().initiate(server))).extracting(Command::name).containsExactly("READY");
        assertThat(server.status()).isEqualTo(MechanismStatus.READY);
    }

    @Test
    void initiateWithMalformedMetadata() throws Exception {
        Mechanism server = peers.server();
        CurvePeers.ScriptedClient forged = peers.new ScriptedClient();
        forged.metadata = new byte[] {4, 'N', 'a', 'm', 'e', 0, 0, 0, 9, 'x'};
        refused(server, forged.initiate(server)).hasMessageStartingWith("metadata property 'Name' value size: 9");
    }

    @Test
    void readyTooShortOrTamperedWith() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        Command ready = only(server.onCommand(upToInitiate(client, server)));
        refused(client, withData(ready, d -> Arrays.copyOf(d, 23))).hasMessage("READY size: 29 (expected: >= 30)");
        for (int at : new int[] {0, 7, 8, 23, 24}) {
            refused(client, withData(ready, d -> flip(d, Math.min(at, d.length - 1))))
                    .hasMessageStartingWith("READY: box does not open");
        }
        client.onCommand(ready);
        assertThat(client.status()).isEqualTo(MechanismStatus.READY);
    }

    @Test
    void commandsAfterTheHandshake() throws Exception {
        Mechanism client = peers.client();
        Mechanism server = peers.server();
        Command ready = only(server.onCommand(upToInitiate(client, server)));
        client.onCommand(ready);
        refused(client, ready).hasMessageStartingWith("command: READY after the CURVE handshake completed");
        refused(server, new Command("INITIATE", new byte[300])).hasMessageContaining("after the CURVE handshake completed");
    }
}
