package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.CurveKeyPair;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A CURVE client and server mechanism for one connection, on byte arrays: every command passes
 * through its wire form ({@link Command#encode}, {@link Command#decode}) on the way, as on a
 * socket. Also a scripted client that builds INITIATE from parts, to forge what a real client
 * never sends.
 */
final class CurvePeers {
    static final Greeting CLIENT_GREETING = Greeting.of(Curve.NAME, false);
    static final Greeting SERVER_GREETING = Greeting.of(Curve.NAME, true);
    static final String DOMAIN = "global";
    static final String ADDRESS = "192.0.2.7";
    static final byte[] ROUTING_ID = "srv".getBytes(StandardCharsets.US_ASCII);

    final CurveKeyPair serverKeys = CurveKeyPair.generate();
    final CurveKeyPair clientKeys = CurveKeyPair.generate();

    static Metadata metadata(String socketType) {
        return Metadata.of(Map.of(Metadata.SOCKET_TYPE, socketType.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A client of our server. */
    Mechanism client() {
        return client(serverKeys.publicKey());
    }

    /** A client that takes {@code serverKey} for the server's key. */
    Mechanism client(byte[] serverKey) {
        MechanismFactory f = Curve.client(clientKeys.publicKey(), clientKeys.secretKey(), serverKey);
        return f.create(new MechanismFactory.Connection(metadata("DEALER"), "", () -> { }));
    }

    /** A server with {@code zap} (or none) whose ZAP reply runs {@code wake}. */
    Mechanism server(Zap zap, Runnable wake) {
        MechanismFactory f = Curve.server(serverKeys.secretKey(), zap, DOMAIN, ROUTING_ID);
        return f.create(new MechanismFactory.Connection(metadata("ROUTER"), ADDRESS, wake));
    }

    Mechanism server() {
        return server(null, () -> { });
    }

    /** {@code c} after a trip over the wire. */
    static Command wire(Command c) throws ProtocolException {
        return Command.decode(c.encode());
    }

    /** The one command in {@code commands}, after a trip over the wire. */
    static Command only(List<Command> commands) throws ProtocolException {
        assertThat(commands).hasSize(1);
        return wire(commands.get(0));
    }

    /** Runs HELLO, WELCOME and INITIATE; returns the INITIATE for the server. */
    static Command upToInitiate(Mechanism client, Mechanism server) throws ProtocolException {
        Command hello = only(client.start(SERVER_GREETING));
        assertThat(server.start(CLIENT_GREETING)).isEmpty();
        Command welcome = only(server.onCommand(hello));
        return only(client.onCommand(welcome));
    }

    /**
     * A client that writes INITIATE from parts chosen by the test: the key it claims (C), what its
     * vouch says (C' and S) and which secret key boxes the vouch, and raw metadata bytes.
     */
    final class ScriptedClient {
        final CurveKeyPair transientKeys = CurveKeyPair.generate();
        byte[] claimedKey = clientKeys.publicKey();
        byte[] vouchSecret = clientKeys.secretKey();
        byte[] vouchTransient = transientKeys.publicKey();
        byte[] vouchServer = serverKeys.publicKey();
        byte[] metadata = metadata("DEALER").encode();

        /** Sends HELLO to {@code server}, opens its WELCOME, and returns the INITIATE. */
        Command initiate(Mechanism server) throws ProtocolException {
            byte[] helloKey = CurveKeys.boxKey(serverKeys.publicKey(), transientKeys.secretKey());
            byte[] signature = SecretBox.seal(helloKey, CurveCommands.shortNonce(CurveCommands.HELLO_NONCE, 1), new byte[64]);
            server.start(CLIENT_GREETING);
            Command welcome = only(server.onCommand(
                    wire(new CurveCommands.Hello(transientKeys.publicKey(), 1, signature).toCommand())));
            CurveCommands.Welcome w = CurveCommands.Welcome.decode(welcome);
            byte[] plain = SecretBox.open(helloKey, CurveCommands.longNonce(CurveCommands.WELCOME_NONCE, w.nonce(), 0),
                    w.box(), 0, w.box().length);
            assertThat(plain).as("the WELCOME opens").isNotNull();
            byte[] serverTransient = java.util.Arrays.copyOf(plain, 32);
            byte[] cookie = java.util.Arrays.copyOfRange(plain, 32, plain.length);

            byte[] vouchNonce = CurveKeys.random(16);
            byte[] vouch = SecretBox.seal(CurveKeys.boxKey(serverTransient, vouchSecret),
                    CurveCommands.longNonce(CurveCommands.VOUCH_NONCE, vouchNonce, 0),
                    CurveCommands.concat(vouchTransient, vouchServer));
            byte[] inner = CurveCommands.concat(claimedKey, CurveCommands.concat(vouchNonce, CurveCommands.concat(vouch, metadata)));
            byte[] box = SecretBox.seal(CurveKeys.boxKey(serverTransient, transientKeys.secretKey()),
                    CurveCommands.shortNonce(CurveCommands.INITIATE_NONCE, 2), inner);
            return wire(new CurveCommands.Initiate(cookie, 2, box).toCommand());
        }
    }
}
