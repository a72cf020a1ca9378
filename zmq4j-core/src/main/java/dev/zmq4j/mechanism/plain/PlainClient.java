package dev.zmq4j.mechanism.plain;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.ErrorCommand;
import dev.zmq4j.zmtp.Greeting;
import dev.zmq4j.zmtp.Mechanism;
import dev.zmq4j.zmtp.MechanismStatus;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PLAIN's client (rfc 24): HELLO with the user name and password, INITIATE with our metadata once
 * the server sent WELCOME, then the server's READY. An ERROR from the server is a refusal, with
 * the ZAP status code when its reason is one.
 */
final class PlainClient implements Mechanism {
    private enum State { EXPECT_WELCOME, EXPECT_READY, DONE }

    private final Metadata local;
    private final byte[] user;
    private final byte[] password;
    private State state = State.EXPECT_WELCOME;
    private MechanismStatus status = MechanismStatus.HANDSHAKING;
    private Metadata peer;

    PlainClient(Metadata local, String user, String password) {
        this.local = local;
        this.user = user.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
        if (this.user.length > 255 || this.password.length > 255) {
            throw new IllegalArgumentException("PLAIN user name or password: over 255 bytes (expected: at most 255)");
        }
    }

    @Override
    public String name() {
        return Plain.NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        // The server's as-server flag is not checked: libzmq (4.3) sends 0 whatever its role.
        byte[] hello = new byte[2 + user.length + password.length];
        hello[0] = (byte) user.length;
        System.arraycopy(user, 0, hello, 1, user.length);
        hello[1 + user.length] = (byte) password.length;
        System.arraycopy(password, 0, hello, 2 + user.length, password.length);
        return List.of(new Command(PlainCommands.HELLO, hello));
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        if (command.name().equals(Command.ERROR) && state != State.DONE) {
            status = ErrorCommand.refusal(command);
            state = State.DONE;
            return List.of();
        }
        switch (state) {
            case EXPECT_WELCOME -> {
                PlainCommands.expect(command, PlainCommands.WELCOME, "WELCOME or ERROR");
                if (command.data().length != 0) {
                    throw new ProtocolException("WELCOME body: " + command.data().length + " bytes (expected: 0)");
                }
                state = State.EXPECT_READY;
                return List.of(new Command(PlainCommands.INITIATE, local.encode()));
            }
            case EXPECT_READY -> {
                PlainCommands.expect(command, Command.READY, "READY or ERROR");
                peer = Metadata.decode(command.data(), 0);
                state = State.DONE;
                status = MechanismStatus.READY;
                return List.of();
            }
            default -> throw new ProtocolException("command: " + command.name() + " after the PLAIN handshake (expected: none)");
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
    public String toString() {
        return "PLAIN client (user " + new String(user, StandardCharsets.UTF_8) + ")";
    }
}
