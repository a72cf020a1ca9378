package dev.zmq4j.zmtp;

import java.util.List;
import java.util.function.Consumer;

/**
 * The ZeroMQ Authentication Protocol (rfc 27) as a mechanism sees it: a request goes out, a reply
 * comes back later, from another thread. Declared here and implemented above (the API layer sends
 * the request to the application's handler on {@code inproc://zeromq.zap.01}), so no layer
 * imports upward. Implementations are thread-safe.
 */
public interface Zap {
    /**
     * A ZAP request (rfc 27): version "1.0" is implied.
     *
     * @param requestId   the request id echoed in the reply
     * @param domain      the ZAP_DOMAIN option
     * @param address     the peer's address
     * @param identity    the connection's routing id
     * @param mechanism   NULL, PLAIN or CURVE
     * @param credentials the mechanism's credentials (PLAIN: user name and password; CURVE: the
     *                    client's public key)
     */
    record Request(String requestId, String domain, String address, byte[] identity, String mechanism, List<byte[]> credentials) {
    }

    /**
     * A ZAP reply.
     *
     * @param statusCode 200 accepted, 300 temporary error, 400 refused, 500 internal error
     * @param statusText why, for logs and events
     * @param userId     the user id to attach to the peer's messages (200 only)
     * @param metadata   properties to attach to the peer's messages (200 only)
     */
    record Reply(String requestId, int statusCode, String statusText, String userId, Metadata metadata) {
    }

    /**
     * Sends {@code request} to the handler; {@code reply} is called once, on any thread, with its
     * reply (a 500 reply if the request could not be sent or the reply was malformed). A handler
     * that never answers is bounded by the connection's HANDSHAKE_IVL.
     *
     * @return {@code false} if no handler is installed: nothing was sent, {@code reply} is never
     *         called, and the peer is accepted (as libzmq does)
     */
    boolean authenticate(Request request, Consumer<Reply> reply);
}
