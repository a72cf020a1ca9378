package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;

/**
 * One message the broker's ROUTER received, classified by RFC 7's grammar alone, before the broker
 * looks at its state: a client's request, one of a worker's commands, a worker's malformed command
 * (answered with DISCONNECT), or something to drop. {@link #classify} is a pure function of the
 * frames, so that any multipart message a peer can send is classified without a socket.
 *
 * <pre>
 * sender | "" | MDPC01 | service | body...                 ClientRequest (5 frames or more)
 * sender | "" | MDPW01 | 0x01 | service                    WorkerReady (exactly 5)
 * sender | "" | MDPW01 | 0x03 | client | "" | body...      WorkerReply (7 or more)
 * sender | "" | MDPW01 | 0x04                             WorkerHeartbeat
 * sender | "" | MDPW01 | 0x05                             WorkerDisconnect
 * sender | "" | MDPW01 | anything else                    WorkerMalformed
 * anything else                                           Dropped
 * </pre>
 *
 * <p>Immutable; thread-safe.
 */
sealed interface BrokerInbound {
    /** Not MDP, or a client message that is not a request: dropped (and logged). */
    record Dropped(String reason) implements BrokerInbound {
    }

    /** {@code client | "" | MDPC01 | service | body...}; {@code body} has one frame or more. */
    record ClientRequest(Frame client, String service, Message body) implements BrokerInbound {
    }

    /** A message with the worker header, well-formed or not. */
    sealed interface WorkerCommand extends BrokerInbound {
        /** The worker's routing id. */
        Frame worker();
    }

    /** {@code worker | "" | MDPW01 | 0x01 | service}. */
    record WorkerReady(Frame worker, String service) implements WorkerCommand {
    }

    /** {@code worker | "" | MDPW01 | 0x03 | client | "" | body...}; {@code body} has one frame or more. */
    record WorkerReply(Frame worker, Frame client, Message body) implements WorkerCommand {
    }

    /** {@code worker | "" | MDPW01 | 0x04}. */
    record WorkerHeartbeat(Frame worker) implements WorkerCommand {
    }

    /** {@code worker | "" | MDPW01 | 0x05}. */
    record WorkerDisconnect(Frame worker) implements WorkerCommand {
    }

    /** A worker command that breaks RFC 7: the worker is sent DISCONNECT (and forgotten). */
    record WorkerMalformed(Frame worker, String reason) implements WorkerCommand {
    }

    /** What {@code m}, as the broker's ROUTER received it (sender's routing id first), is. Never throws. */
    static BrokerInbound classify(Message m) {
        if (m.size() < 3 || !m.frame(1).isEmpty()) {
            return new Dropped("not MDP (" + m.size() + " frames)");
        }
        Frame sender = m.frame(0);
        Frame header = m.frame(2);
        if (Mdp.isHeader(header, Mdp.CLIENT_FRAME)) {
            if (m.size() < 5) {
                return new Dropped("a client request of " + m.size() + " frames from " + Mdp.hex(sender) + " (expected: >= 5)");
            }
            return new ClientRequest(sender, Mdp.text(m.frame(3)), Mdp.body(m, 4));
        }
        if (!Mdp.isHeader(header, Mdp.WORKER_FRAME)) {
            return new Dropped("header " + header + " from " + Mdp.hex(sender));
        }
        if (m.size() < 4 || m.frame(3).size() != 1) {
            return new WorkerMalformed(sender, "malformed command");
        }
        byte command = m.frame(3).byteAt(0);
        switch (command) {
            case Mdp.READY:
                return m.size() == 5 ? new WorkerReady(sender, Mdp.text(m.frame(4)))
                        : new WorkerMalformed(sender, "READY of " + m.size() + " frames (expected: 5)");
            case Mdp.REPLY:
                return m.size() >= 7 && m.frame(5).isEmpty() ? new WorkerReply(sender, m.frame(4), Mdp.body(m, 6))
                        : new WorkerMalformed(sender, "malformed REPLY of " + m.size() + " frames");
            case Mdp.HEARTBEAT:
                return new WorkerHeartbeat(sender);
            case Mdp.DISCONNECT:
                return new WorkerDisconnect(sender);
            default:
                return new WorkerMalformed(sender, "unknown command " + Mdp.commandName(command));
        }
    }
}
