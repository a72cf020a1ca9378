package dev.zmq4j.cli.socket;

import dev.zmq4j.SocketType;

/**
 * What a socket command does with standard input and output, by socket type.
 *
 * <pre>
 *   SEND      push, pub                    stdin lines are sent; ends at the end of stdin
 *   RECEIVE   pull, sub                    messages are printed; ends by --count/--timeout
 *   BOTH      pair, dealer, router,        stdin lines are sent (from a second thread) while
 *             xpub, xsub                   messages are printed; ends by --count/--timeout
 *   REQUEST   req                          each stdin line is sent and its reply printed
 *   REPLY     rep                          each request is printed and answered with itself
 *                                          (--echo) or with the next stdin line
 * </pre>
 */
enum Role {
    SEND, RECEIVE, BOTH, REQUEST, REPLY;

    static Role of(SocketType type) {
        return switch (type) {
            case PUSH, PUB -> SEND;
            case PULL, SUB -> RECEIVE;
            case REQ -> REQUEST;
            case REP -> REPLY;
            case PAIR, DEALER, ROUTER, XPUB, XSUB -> BOTH;
            default -> throw new IllegalArgumentException("socket type: " + type + " (expected: one of the zmq4j commands')");
        };
    }

    /** Whether the command prints messages it receives (and so takes --count and --timeout). */
    boolean receives() {
        return this != SEND;
    }
}
