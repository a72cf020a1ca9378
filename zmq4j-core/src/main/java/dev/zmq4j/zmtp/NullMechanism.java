package dev.zmq4j.zmtp;

import java.util.List;

/**
 * The NULL mechanism (rfc 37): each side sends READY with its metadata; either may send ERROR
 * instead. There is no client or server role.
 */
public final class NullMechanism implements Mechanism {
    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";

    private final Metadata local;
    private Metadata peer;

    /** @param local the metadata to send in READY (Socket-Type and, where used, Identity) */
    public NullMechanism(Metadata local) {
        this.local = local;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean asServer() {
        return false;
    }

    @Override
    public List<Command> start(Greeting peerGreeting) throws ProtocolException {
        if (peerGreeting.asServer()) {
            // rfc 37: with NULL, as-server is zero on both sides.
            throw new ProtocolException("greeting as-server: 0x01 (expected: 0x00 with NULL)");
        }
        return List.of(new Command(Command.READY, local.encode()));
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        if (peer != null) {
            throw new ProtocolException("command: " + command.name() + " after READY (expected: handshake complete)");
        }
        switch (command.name()) {
            case Command.READY -> peer = Metadata.decode(command.data(), 0);
            case Command.ERROR -> throw new ProtocolException("peer sent ERROR: " + ErrorCommand.decode(command).reason());
            default -> throw new ProtocolException("command: " + command.name()
                    + " during NULL handshake (expected: READY or ERROR)");
        }
        return List.of();
    }

    @Override
    public MechanismStatus status() {
        return peer != null ? MechanismStatus.READY : MechanismStatus.HANDSHAKING;
    }

    @Override
    public Metadata peerMetadata() {
        return peer;
    }
}
