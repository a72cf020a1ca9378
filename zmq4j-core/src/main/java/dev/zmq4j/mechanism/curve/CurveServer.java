package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.Z85;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameTransform;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import dev.zmq4j.zmtp.ZapGate;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of CurveZMQ (rfc 26) for one connection: checks the client's HELLO, answers with
 * a WELCOME carrying a fresh transient key S' and a cookie (C' and s' boxed under a random cookie
 * key, so that s' is not kept), then, given a valid INITIATE (the cookie back, the client's
 * permanent key C vouched for by C' and S), asks the ZAP handler about C, and sends READY once it
 * accepts.
 *
 * <pre>
 * EXPECT_HELLO --HELLO/WELCOME--> EXPECT_INITIATE --INITIATE--> EXPECT_ZAP_REPLY --200/READY--> READY
 *                                        (no handler: READY at once) \--300--> FAILED
 *                                                                     \--400, 500/ERROR--> FAILED
 * </pre>
 *
 * <p>ZAP (rfc 27): mechanism {@code CURVE}, one credential, the client's 32-byte permanent key. A
 * 300 fails the handshake without an ERROR, a 400 or 500 sends ERROR with the status code as its
 * reason (as libzmq does); with no handler the client is accepted. Either way the peer's ZAP
 * metadata carries {@value Curve#PUBLIC_KEY_PROPERTY}, the client's key in Z85.
 *
 * <p>The cookie key is used once and wiped after INITIATE; s' is wiped once WELCOME is made and
 * again once the session key is made from the cookie. Not thread-safe (see {@link Mechanism});
 * the ZAP reply's hand-off is {@link ZapGate}'s.
 */
final class CurveServer implements Mechanism {
    private enum State { EXPECT_HELLO, EXPECT_INITIATE, EXPECT_ZAP_REPLY, READY, FAILED }

    private final byte[] publicKey;
    private final byte[] secretKey;
    private final Metadata local;
    private final ZapGate zap;
    private State state = State.EXPECT_HELLO;
    private MechanismStatus status = MechanismStatus.HANDSHAKING;
    private byte[] clientTransient;
    private byte[] cookieKey;
    private byte[] sessionKey;
    private byte[] clientKey;
    private long clientNonce;
    private long nextNonce = 1;
    private Metadata peer;
    private String userId = "";
    private Metadata zapMetadata = Metadata.empty();
    private CurveTransform transform;

    /**
     * @param publicKey our permanent public key S
     * @param secretKey its secret key s (not copied: the factory's, shared by its connections)
     * @param local     the metadata our READY carries
     * @param zap       this connection's ZAP gate (a gate without a handler accepts)
     */
    CurveServer(byte[] publicKey, byte[] secretKey, Metadata local, ZapGate zap) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.local = local;
        this.zap = zap;
    }

    @Override
    public String name() {
        return Curve.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        peerGreeting.requireClient(Curve.NAME);
        return List.of();
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        switch (state) {
            case EXPECT_HELLO -> {
                expect(command, CurveCommands.HELLO);
                return List.of(onHello(CurveCommands.Hello.decode(command)));
            }
            case EXPECT_INITIATE -> {
                expect(command, CurveCommands.INITIATE);
                return onInitiate(CurveCommands.Initiate.decode(command));
            }
            default -> throw new ProtocolException("command: " + command.name() + " (expected: nothing "
                    + switch (state) {
                        case EXPECT_ZAP_REPLY -> "while the ZAP handler decides";
                        case READY -> "after the CURVE handshake completed";
                        default -> "after the CURVE handshake failed";
                    } + ")");
        }
    }

    private static void expect(Command command, String name) throws ProtocolException {
        if (!command.name().equals(name)) {
            throw new ProtocolException("command: " + command.name() + " (expected: " + name + ")");
        }
    }

    private Command onHello(CurveCommands.Hello hello) throws ProtocolException {
        byte[] helloKey = CurveKeys.boxKey(hello.clientKey(), secretKey);
        if (helloKey == null) {
            throw new ProtocolException("HELLO client transient key: a low-order point (expected: a fresh public key)");
        }
        byte[] signature = SecretBox.open(helloKey, CurveCommands.shortNonce(CurveCommands.HELLO_NONCE, hello.nonce()),
                hello.signature(), 0, hello.signature().length);
        if (signature == null) {
            Arrays.fill(helloKey, (byte) 0);
            throw new ProtocolException("HELLO: signature box does not open (expected: boxed from C' to our public key)");
        }
        for (byte b : signature) {
            if (b != 0) {
                Arrays.fill(helloKey, (byte) 0);
                throw new ProtocolException("HELLO signature: not zero (expected: 64 zero bytes)");
            }
        }
        clientTransient = hello.clientKey();
        clientNonce = hello.nonce();

        byte[] transientSecret = CurveKeys.random(CurveKeys.SIZE);
        byte[] transientPublic = CurveKeys.publicKey(transientSecret);
        cookieKey = CurveKeys.random(CurveKeys.SIZE);
        byte[] cookieNonce = CurveKeys.random(CurveCommands.LONG_NONCE);
        byte[] cookiePlain = CurveCommands.concat(clientTransient, transientSecret);
        byte[] cookieBox = SecretBox.seal(cookieKey, CurveCommands.longNonce(CurveCommands.COOKIE_NONCE, cookieNonce, 0),
                cookiePlain);
        Arrays.fill(cookiePlain, (byte) 0);
        Arrays.fill(transientSecret, (byte) 0);

        byte[] welcomePlain = CurveCommands.concat(transientPublic, CurveCommands.concat(cookieNonce, cookieBox));
        byte[] welcomeNonce = CurveKeys.random(CurveCommands.LONG_NONCE);
        byte[] welcomeBox = SecretBox.seal(helloKey, CurveCommands.longNonce(CurveCommands.WELCOME_NONCE, welcomeNonce, 0),
                welcomePlain);
        Arrays.fill(helloKey, (byte) 0);
        state = State.EXPECT_INITIATE;
        return new CurveCommands.Welcome(welcomeNonce, welcomeBox).toCommand();
    }

    private List<Command> onInitiate(CurveCommands.Initiate initiate) throws ProtocolException {
        byte[] transientSecret = openCookie(initiate);
        try {
            if (Long.compareUnsigned(initiate.nonce(), clientNonce) <= 0) {
                throw new ProtocolException("INITIATE short nonce: " + Long.toUnsignedString(initiate.nonce())
                        + " (expected: > " + Long.toUnsignedString(clientNonce) + ", the HELLO's)");
            }
            sessionKey = CurveKeys.boxKey(clientTransient, transientSecret);
            if (sessionKey == null) {
                // Cannot happen (HELLO refused a low-order C'), unless the cookie key were known.
                throw new ProtocolException("INITIATE cookie: a low-order transient key (expected: ours)");
            }
            byte[] plain = SecretBox.open(sessionKey, CurveCommands.shortNonce(CurveCommands.INITIATE_NONCE, initiate.nonce()),
                    initiate.box(), 0, initiate.box().length);
            if (plain == null) {
                throw new ProtocolException("INITIATE: box does not open (expected: boxed from C' to our S')");
            }
            byte[] client = Arrays.copyOf(plain, CurveKeys.SIZE);
            checkVouch(plain, client, transientSecret);
            peer = Metadata.decode(plain, CurveKeys.SIZE + CurveCommands.VOUCH);
            clientNonce = initiate.nonce();
            clientKey = client;
        } catch (ProtocolException e) {
            wipe();
            throw e;
        } finally {
            Arrays.fill(transientSecret, (byte) 0);
        }
        if (zap.request("CURVE", List.of(clientKey.clone()))) {
            state = State.EXPECT_ZAP_REPLY;
            return List.of();
        }
        return accept("", Metadata.empty());
    }

    /** Opens the INITIATE's cookie with the cookie key (then wiped: it opens one cookie, or none) and returns s'. */
    private byte[] openCookie(CurveCommands.Initiate initiate) throws ProtocolException {
        byte[] cookie = initiate.cookie();
        byte[] plain = SecretBox.open(cookieKey, CurveCommands.longNonce(CurveCommands.COOKIE_NONCE, cookie, 0),
                cookie, CurveCommands.LONG_NONCE, cookie.length - CurveCommands.LONG_NONCE);
        Arrays.fill(cookieKey, (byte) 0);
        if (plain == null) {
            throw new ProtocolException("INITIATE cookie: box does not open (expected: the cookie of our WELCOME)");
        }
        try {
            if (!Arrays.equals(plain, 0, CurveKeys.SIZE, clientTransient, 0, CurveKeys.SIZE)) {
                throw new ProtocolException("INITIATE cookie: for another client transient key (expected: the HELLO's C')");
            }
            return Arrays.copyOfRange(plain, CurveKeys.SIZE, 2 * CurveKeys.SIZE);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The vouch: box[C' + S](C->S'), proof that the owner of C made this connection's C', for us. */
    private void checkVouch(byte[] plain, byte[] client, byte[] transientSecret) throws ProtocolException {
        byte[] vouchKey = CurveKeys.boxKey(client, transientSecret);
        if (vouchKey == null) {
            throw new ProtocolException("INITIATE client key: a low-order point (expected: a client's public key)");
        }
        byte[] vouch = SecretBox.open(vouchKey, CurveCommands.longNonce(CurveCommands.VOUCH_NONCE, plain, CurveKeys.SIZE),
                plain, CurveKeys.SIZE + CurveCommands.LONG_NONCE, CurveCommands.VOUCH - CurveCommands.LONG_NONCE);
        Arrays.fill(vouchKey, (byte) 0);
        if (vouch == null) {
            throw new ProtocolException("INITIATE vouch: box does not open (expected: boxed from the client's key C to S')");
        }
        if (!Arrays.equals(vouch, 0, CurveKeys.SIZE, clientTransient, 0, CurveKeys.SIZE)) {
            throw new ProtocolException("INITIATE vouch: for another transient key (expected: the HELLO's C')");
        }
        if (!Arrays.equals(vouch, CurveKeys.SIZE, 2 * CurveKeys.SIZE, publicKey, 0, CurveKeys.SIZE)) {
            throw new ProtocolException("INITIATE vouch: for another server (expected: our public key)");
        }
    }

    @Override
    public List<Command> resume() {
        Zap.Reply reply = zap.reply();
        if (state != State.EXPECT_ZAP_REPLY || reply == null) {
            return List.of();
        }
        int code = reply.statusCode();
        if (code == 200) {
            return accept(reply.userId() == null ? "" : reply.userId(), reply.metadata() == null ? Metadata.empty() : reply.metadata());
        }
        wipe();
        state = State.FAILED;
        String why = "ZAP handler answered " + code + (reply.statusText() == null || reply.statusText().isEmpty()
                ? "" : " " + reply.statusText());
        if (code == 300) {
            // A temporary failure: the client may come back; libzmq sends no ERROR for it.
            status = MechanismStatus.failed(300, why);
            return List.of();
        }
        int sent = code == 400 ? 400 : 500;
        status = MechanismStatus.failed(sent, why);
        return List.of(Command.error(Integer.toString(sent)));
    }

    private List<Command> accept(String user, Metadata fromZap) {
        userId = user;
        Map<String, byte[]> props = new LinkedHashMap<>();
        fromZap.asMap().forEach((name, value) -> {
            if (!name.equalsIgnoreCase(Curve.PUBLIC_KEY_PROPERTY)) {
                props.put(name, value);
            }
        });
        props.put(Curve.PUBLIC_KEY_PROPERTY, Z85.encode(clientKey).getBytes(StandardCharsets.US_ASCII));
        zapMetadata = Metadata.of(props);

        long nonce = nextNonce++;
        byte[] box = SecretBox.seal(sessionKey, CurveCommands.shortNonce(CurveCommands.READY_NONCE, nonce), local.encode());
        transform = new CurveTransform(sessionKey, false, nextNonce, clientNonce);
        wipe();
        state = State.READY;
        status = MechanismStatus.READY;
        return List.of(new CurveCommands.Ready(nonce, box).toCommand());
    }

    private void wipe() {
        for (byte[] key : new byte[][] {cookieKey, sessionKey}) {
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
    public String userId() {
        return userId;
    }

    @Override
    public Metadata zapMetadata() {
        return zapMetadata;
    }

    @Override
    public FrameTransform transform() {
        return transform;
    }

    @Override
    public String toString() {
        return "CurveServer{" + state + "}";
    }
}
