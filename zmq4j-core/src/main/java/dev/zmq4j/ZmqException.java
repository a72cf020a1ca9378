package dev.zmq4j;

/**
 * Base of zmq4j's lifecycle and environment failures (a closed socket or context, an address in
 * use, an interrupted call). Misuse of the API throws {@link IllegalArgumentException} or
 * {@link IllegalStateException} instead.
 */
public class ZmqException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what failed, naming the socket or endpoint
     */
    public ZmqException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what failed, naming the socket or endpoint
     * @param cause   the underlying failure
     */
    public ZmqException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The socket was closed, before or during the call (libzmq's ENOTSOCK). */
    public static final class SocketClosedException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the socket or endpoint
         */
        public SocketClosedException(String message) {
            super(message);
        }
    }

    /** The context was closed, before or during the call (libzmq's ETERM). */
    public static final class ContextClosedException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the socket or endpoint
         */
        public ContextClosedException(String message) {
            super(message);
        }
    }

    /** The address of a bind is already in use (libzmq's EADDRINUSE). */
    public static final class AddressInUseException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the endpoint
         * @param cause   the transport's failure
         */
        public AddressInUseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A bind failed for another reason than the address being in use (libzmq's EADDRNOTAVAIL...). */
    public static final class BindFailedException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the endpoint
         * @param cause   the transport's failure
         */
        public BindFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The calling thread was interrupted while blocked in a socket call (libzmq's EINTR). The
     * thread's interrupt status is set again; the socket and context stay usable.
     */
    public static final class InterruptedException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the socket or endpoint
         */
        public InterruptedException(String message) {
            super(message);
        }
    }

    /**
     * A ROUTER with {@link Option#ROUTER_MANDATORY} was asked to send to a routing id no connected
     * peer has (libzmq's EHOSTUNREACH). The message was not sent.
     */
    public static final class HostUnreachableException extends ZmqException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what failed, naming the socket or endpoint
         */
        public HostUnreachableException(String message) {
            super(message);
        }
    }
}
