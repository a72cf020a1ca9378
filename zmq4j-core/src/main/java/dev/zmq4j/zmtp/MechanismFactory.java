package dev.zmq4j.zmtp;

/**
 * Makes the {@link Mechanism} of each new connection of a socket (NULL by default; PLAIN and CURVE
 * as the socket's options say). Thread-safe.
 */
@FunctionalInterface
public interface MechanismFactory {
    /**
     * A mechanism for one connection.
     *
     * @param local the metadata our READY (or INITIATE) carries
     * @param wake  to be run, on any thread, when an asynchronous answer (a ZAP reply) arrived:
     *              the connection then calls {@link Mechanism#resume()} on its own thread
     */
    Mechanism create(Metadata local, Runnable wake);

    /** The NULL mechanism. */
    MechanismFactory NULL = (local, wake) -> new NullMechanism(local);
}
