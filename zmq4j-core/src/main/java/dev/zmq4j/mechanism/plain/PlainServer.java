package dev.zmq4j.mechanism.plain;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import dev.zmq4j.zmtp.Zap;
import dev.zmq4j.zmtp.ZapGate;
import java.util.Arrays;
import java.util.List;

/**
 * PLAIN's server (rfc 24): takes the client's HELLO, asks the ZAP handler about its user name and
 * password, answers WELCOME (or ERROR with the status code), then READY to the client's INITIATE.
 * ZAP status 300 (a temporary failure) closes the connection without an ERROR, as libzmq does.
 */
final class PlainServer implements Mechanism {
    private enum State { EXPECT_HELLO, AWAIT_ZAP, EXPECT_INITIATE, DONE }

    private final Metadata local;
    private final ZapGate zap;
    private State state = State.EXPECT_HELLO;
    private MechanismStatus status = MechanismStatus.HANDSHAKING;
    private Metadata peer;
    private String userId = "";
    private Metadata zapMetadata = Metadata.empty();

    PlainServer(Metadata local, ZapGate zap) {
        this.local = local;
        this.zap = zap;
    }

    @Override
    public String name() {
        return Plain.NAME;
    }

    @Override
    public boolean asServer() {
        return true;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        peerGreeting.requireClient(Plain.NAME);
        return List.of();
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        switch (state) {
            case EXPECT_HELLO -> {
                PlainCommands.expect(command, PlainCommands.HELLO, "HELLO");
                List<byte[]> credentials = credentials(command.data());
                if (zap.request(Plain.NAME, credentials)) {
                    state = State.AWAIT_ZAP;
                    return List.of();
                }
                state = State.EXPECT_INITIATE;
                return List.of(new Command(PlainCommands.WELCOME, new byte[0]));
            }
            case EXPECT_INITIATE -> {
                PlainCommands.expect(command, PlainCommands.INITIATE, "INITIATE");
                peer = Metadata.decode(command.data(), 0);
                state = State.DONE;
                status = MechanismStatus.READY;
                return List.of(new Command(Command.READY, local.encode()));
            }
            case AWAIT_ZAP -> throw new ProtocolException("command: " + command.name()
                    + " before WELCOME (expected: none while the credentials are checked)");
            default -> throw new ProtocolException("command: " + command.name() + " after the PLAIN handshake (expected: none)");
        }
    }

    /** HELLO's body: user name and password, each with a one-byte size, nothing after. */
    private static List<byte[]> credentials(byte[] hello) throws ProtocolException {
        if (hello.length < 2) {
            throw new ProtocolException("HELLO body: " + hello.length + " bytes (expected: >= 2)");
        }
        int userSize = hello[0] & 0xFF;
        if (1 + userSize + 1 > hello.length) {
            throw new ProtocolException("HELLO username size: " + userSize + " (expected: <= " + (hello.length - 2) + ")");
        }
        int passwordSize = hello[1 + userSize] & 0xFF;
        int end = 2 + userSize + passwordSize;
        if (end != hello.length) {
            throw new ProtocolException("HELLO password size: " + passwordSize + " (expected: " + (hello.length - 2 - userSize) + ")");
        }
        return List.of(Arrays.copyOfRange(hello, 1, 1 + userSize), Arrays.copyOfRange(hello, 2 + userSize, end));
    }

    @Override
    public List<Command> resume() {
        Zap.Reply reply = zap.reply();
        if (state != State.AWAIT_ZAP || reply == null) {
            return List.of();
        }
        MechanismStatus refusal = zap.refusal();
        if (refusal != null) {
            state = State.DONE;
            status = refusal;
            return ZapGate.errorFor(refusal);
        }
        userId = reply.userId();
        zapMetadata = reply.metadata();
        state = State.EXPECT_INITIATE;
        return List.of(new Command(PlainCommands.WELCOME, new byte[0]));
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
}
