package dev.zmq4j.zmtp;

/**
 * Makes the {@link Mechanism} of each new connection of a socket (NULL by default; PLAIN and CURVE
 * as the socket's options say). Thread-safe.
 */
@FunctionalInterface
public interface MechanismFactory {
    /**
     * What a mechanism knows of its connection.
     *
     * @param local       the metadata our READY (or INITIATE) carries
     * @param peerAddress the peer's address as a ZAP request carries it (the IP of a tcp peer;
     *                    empty where there is none)
     * @param wake        to be run, on any thread, when an asynchronous answer (a ZAP reply)
     *                    arrived: the connection then calls {@link Mechanism#resume()} on its own
     *                    thread
     */
    record Connection(Metadata local, String peerAddress, Runnable wake) {
    }

    /** A mechanism for one connection. */
    Mechanism create(Connection connection);

    /** The NULL mechanism. */
    MechanismFactory NULL = c -> new NullMechanism(c.local());
}
