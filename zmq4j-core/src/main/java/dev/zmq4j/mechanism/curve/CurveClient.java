package dev.zmq4j.mechanism.curve;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.ErrorCommand;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of CurveZMQ (rfc 26) for one connection: sends HELLO from a fresh transient key
 * pair, opens the server's WELCOME with the server's permanent key it was configured with (which
 * authenticates the server), answers with INITIATE (the cookie, its permanent key vouched for, its
 * metadata) and is ready once the server's READY opens. An ERROR from the server is a refusal
 * ({@link ErrorCommand#refusal}); a WELCOME that does not open, or any malformed command, is a
 * protocol violation.
 *
 * <pre>
 * EXPECT_WELCOME --WELCOME/INITIATE--> EXPECT_READY --READY--> READY
 *        \--ERROR--> FAILED                \--ERROR--> FAILED
 * </pre>
 *
 * <p>The transient secret key is wiped once the session key is made. Not thread-safe (see
 * {@link Mechanism}).
 */
final class CurveClient implements Mechanism {
    private enum State { EXPECT_WELCOME, EXPECT_READY, READY, FAILED }

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final byte[] serverKey;
    private final Metadata local;
    private State state = State.EXPECT_WELCOME;
    private MechanismStatus status = MechanismStatus.HANDSHAKING;
    private byte[] transientPublic;
    private byte[] transientSecret;
    /** box(S, c'): HELLO's signature and WELCOME. */
    private byte[] helloKey;
    /** box(S', c'): INITIATE, READY, then the transform's. */
    private byte[] sessionKey;
    private long nextNonce = 1;
    private Metadata peer;
    private CurveTransform transform;

    /**
     * @param publicKey our permanent public key C
     * @param secretKey its secret key c (not copied: the factory's, shared by its connections)
     * @param serverKey the server's permanent public key S
     * @param local     the metadata our INITIATE carries
     */
    CurveClient(byte[] publicKey, byte[] secretKey, byte[] serverKey, Metadata local) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.serverKey = serverKey;
        this.local = local;
    }

    @Override
    public String name() {
        return Curve.NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        // The server's greeting is not checked for as-server: libzmq always sends 0x00 there. A
        // peer that is a client too answers our HELLO with a HELLO, which onCommand refuses.
        // Not a KeyPair: its copy of the secret could not be wiped.
        transientSecret = CurveKeys.random(CurveKeys.SIZE);
        transientPublic = CurveKeys.publicKey(transientSecret);
        helloKey = CurveKeys.boxKey(serverKey, transientSecret);
        if (helloKey == null) {
            // Only a low-order server key gives a zero shared secret: a configuration error.
            throw new ProtocolException("CURVE server key: a low-order point (expected: a server's public key)");
        }
        long nonce = nextNonce++;
        byte[] signature = SecretBox.seal(helloKey, CurveCommands.shortNonce(CurveCommands.HELLO_NONCE, nonce),
                new byte[CurveCommands.SIGNATURE]);
        return List.of(new CurveCommands.Hello(transientPublic, nonce, signature).toCommand());
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        String name = command.name();
        if (name.equals(Command.ERROR) && (state == State.EXPECT_WELCOME || state == State.EXPECT_READY)) {
            status = ErrorCommand.refusal(command);
            state = State.FAILED;
            wipe();
            return List.of();
        }
        switch (state) {
            case EXPECT_WELCOME -> {
                expect(command, CurveCommands.WELCOME);
                return List.of(onWelcome(CurveCommands.Welcome.decode(command)));
            }
            case EXPECT_READY -> {
                expect(command, Command.READY);
                onReady(CurveCommands.Ready.decode(command));
                return List.of();
            }
            default -> throw new ProtocolException("command: " + name + " after the CURVE handshake "
                    + (state == State.READY ? "completed" : "failed") + " (expected: nothing)");
        }
    }

    private void expect(Command command, String name) throws ProtocolException {
        if (!command.name().equals(name)) {
            throw new ProtocolException("command: " + command.name() + " (expected: " + name + " or ERROR)");
        }
    }

    private Command onWelcome(CurveCommands.Welcome welcome) throws ProtocolException {
        byte[] plain = SecretBox.open(helloKey, CurveCommands.longNonce(CurveCommands.WELCOME_NONCE, welcome.nonce(), 0),
                welcome.box(), 0, welcome.box().length);
        if (plain == null) {
            throw new ProtocolException("WELCOME: box does not open (wrong server key?)");
        }
        Arrays.fill(helloKey, (byte) 0);
        byte[] serverTransient = Arrays.copyOf(plain, CurveKeys.SIZE);
        byte[] cookie = Arrays.copyOfRange(plain, CurveKeys.SIZE, plain.length);
        sessionKey = CurveKeys.boxKey(serverTransient, transientSecret);
        byte[] vouchKey = CurveKeys.boxKey(serverTransient, secretKey);
        Arrays.fill(transientSecret, (byte) 0);
        if (sessionKey == null || vouchKey == null) {
            throw new ProtocolException("WELCOME server transient key: a low-order point (expected: a fresh public key)");
        }

        byte[] vouchNonce = CurveKeys.random(CurveCommands.LONG_NONCE);
        byte[] vouchBox = SecretBox.seal(vouchKey, CurveCommands.longNonce(CurveCommands.VOUCH_NONCE, vouchNonce, 0),
                CurveCommands.concat(transientPublic, serverKey));
        Arrays.fill(vouchKey, (byte) 0);

        byte[] metadata = local.encode();
        byte[] plainInitiate = new byte[CurveKeys.SIZE + CurveCommands.VOUCH + metadata.length];
        System.arraycopy(publicKey, 0, plainInitiate, 0, CurveKeys.SIZE);
        System.arraycopy(vouchNonce, 0, plainInitiate, CurveKeys.SIZE, CurveCommands.LONG_NONCE);
        System.arraycopy(vouchBox, 0, plainInitiate, CurveKeys.SIZE + CurveCommands.LONG_NONCE, vouchBox.length);
        System.arraycopy(metadata, 0, plainInitiate, CurveKeys.SIZE + CurveCommands.VOUCH, metadata.length);
        long nonce = nextNonce++;
        byte[] box = SecretBox.seal(sessionKey, CurveCommands.shortNonce(CurveCommands.INITIATE_NONCE, nonce), plainInitiate);
        state = State.EXPECT_READY;
        return new CurveCommands.Initiate(cookie, nonce, box).toCommand();
    }

    private void onReady(CurveCommands.Ready ready) throws ProtocolException {
        byte[] plain = SecretBox.open(sessionKey, CurveCommands.shortNonce(CurveCommands.READY_NONCE, ready.nonce()),
                ready.box(), 0, ready.box().length);
        if (plain == null) {
            throw new ProtocolException("READY: box does not open (expected: boxed by the server's transient key)");
        }
        peer = Metadata.decode(plain, 0);
        transform = new CurveTransform(sessionKey, true, nextNonce, ready.nonce());
        wipe();
        state = State.READY;
        status = MechanismStatus.READY;
    }

    private void wipe() {
        for (byte[] key : new byte[][] {transientSecret, helloKey, sessionKey}) {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    @Override
    public MechanismStatus status() {
        return status;
    }

    @Override
    public Metadata peerMetadata() {
        return peer;
    }

    @Override
    public FrameTransform transform() {
        return transform;
    }

    @Override
    public String toString() {
        return "CurveClient{" + state + "}";
    }
}
