package dev.zmq4j.zmtp;

import java.util.List;

/**
 * The NULL mechanism (rfc 37): each side sends READY with its metadata; either may send ERROR
 * instead. There is no client or server role. With a ZAP_DOMAIN, a side first asks its ZAP
 * handler about the peer (mechanism NULL, no credentials: an address check) and sends READY only
 * if the handler accepts, as libzmq does.
 */
public final class NullMechanism implements Mechanism {
    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";

    private final Metadata local;
    private final ZapGate zap;
    private Metadata peer;
    private boolean awaitingZap;
    private MechanismStatus refusal;

    /** @param local the metadata to send in READY (Socket-Type and, where used, Identity) */
    public NullMechanism(Metadata local) {
        this(local, null);
    }

    /**
     * @param local the metadata to send in READY
     * @param zap   the ZAP check to pass before READY, or {@code null} for none
     */
    public NullMechanism(Metadata local, ZapGate zap) {
        this.local = local;
        this.zap = zap;
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
        if (zap != null && zap.request(NAME, List.of())) {
            awaitingZap = true;
            return List.of();
        }
        return List.of(ready());
    }

    private Command ready() {
        return new Command(Command.READY, local.encode());
    }

    @Override
    public List<Command> onCommand(Command command) throws ProtocolException {
        if (peer != null) {
            throw new ProtocolException("command: " + command.name() + " after READY (expected: handshake complete)");
        }
        switch (command.name()) {
            case Command.READY -> peer = Metadata.decode(command.data(), 0);
            case Command.ERROR -> refusal = ErrorCommand.refusal(command);
            default -> throw new ProtocolException("command: " + command.name()
                    + " during NULL handshake (expected: READY or ERROR)");
        }
        return List.of();
    }

    @Override
    public List<Command> resume() {
        if (!awaitingZap || zap.reply() == null) {
            return List.of();
        }
        awaitingZap = false;
        MechanismStatus r = zap.refusal();
        if (r != null) {
            refusal = r;
            return ZapGate.errorFor(r);
        }
        return List.of(ready());
    }

    @Override
    public MechanismStatus status() {
        if (refusal != null) {
            return refusal;
        }
        return peer != null && !awaitingZap ? MechanismStatus.READY : MechanismStatus.HANDSHAKING;
    }

    @Override
    public Metadata peerMetadata() {
        return peer;
    }

    @Override
    public String userId() {
        Zap.Reply r = zap == null ? null : zap.reply();
        return r == null ? "" : r.userId();
    }

    @Override
    public Metadata zapMetadata() {
        Zap.Reply r = zap == null ? null : zap.reply();
        return r == null ? Metadata.empty() : r.metadata();
    }
}
