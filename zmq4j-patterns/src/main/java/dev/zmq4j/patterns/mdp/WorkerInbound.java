package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;

/**
 * One message a worker's DEALER received from the broker, classified by RFC 7's grammar alone: a
 * request to serve, a heartbeat, a DISCONNECT, or something to drop. {@link #classify} is a pure
 * function of the frames, so that any multipart message a broker can send is classified without a
 * socket.
 *
 * <pre>
 * "" | MDPW01 | 0x02 | client | "" | body...    BrokerRequest (6 frames or more)
 * "" | MDPW01 | 0x04                           Heartbeat
 * "" | MDPW01 | 0x05                           Disconnect
 * anything else                                Dropped
 * </pre>
 *
 * <p>Immutable; thread-safe.
 */
sealed interface WorkerInbound {
    /** Not MDP/Worker, a malformed REQUEST, or a command a broker does not send: dropped (and logged). */
    record Dropped(String reason) implements WorkerInbound {
    }

    /** {@code "" | MDPW01 | 0x02 | client | "" | body...}; {@code body} has one frame or more. */
    record BrokerRequest(Frame client, Message body) implements WorkerInbound {
    }

    /** {@code "" | MDPW01 | 0x04}. */
    record Heartbeat() implements WorkerInbound {
    }

    /** {@code "" | MDPW01 | 0x05}: register again. */
    record Disconnect() implements WorkerInbound {
    }

    /** What {@code m}, as the worker's DEALER received it, is. Never throws. */
    static WorkerInbound classify(Message m) {
        if (m.size() < 3 || !m.frame(0).isEmpty() || !Mdp.isHeader(m.frame(1), Mdp.WORKER_FRAME) || m.frame(2).size() != 1) {
            return new Dropped("a message that is not MDP/Worker");
        }
        byte command = m.frame(2).byteAt(0);
        switch (command) {
            case Mdp.REQUEST:
                return m.size() >= 6 && m.frame(4).isEmpty() ? new BrokerRequest(m.frame(3), Mdp.body(m, 5))
                        : new Dropped("a malformed REQUEST");
            case Mdp.HEARTBEAT:
                return new Heartbeat();
            case Mdp.DISCONNECT:
                return new Disconnect();
            default:
                return new Dropped("an unexpected " + Mdp.commandName(command) + " from the broker");
        }
    }
}
