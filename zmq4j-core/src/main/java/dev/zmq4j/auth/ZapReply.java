package dev.zmq4j.auth;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZAP reply (rfc 27) before it is addressed: the decision about one request. {@link #toMessage}
 * puts it behind the request's envelope.
 *
 * <pre>
 * | routing id ... |  envelope, as received
 * | |                 empty delimiter
 * | 1.0 |             version
 * | request |         request id, echoed
 * | 200 |             status code: 200 OK, 300 try later, 400 refused, 500 internal error
 * | OK  |             status text
 * | user id |         200 only, else empty
 * | metadata |        ZMTP property list (200 only, else empty)
 * </pre>
 *
 * <p>Immutable.
 */
record ZapReply(int status, String text, String userId, byte[] metadata) {
    static final int OK = 200;
    static final int REFUSED = 400;
    static final int ERROR = 500;

    static ZapReply ok(String userId, byte[] metadata) {
        return new ZapReply(OK, "OK", userId, metadata);
    }

    static ZapReply refused(String reason) {
        return new ZapReply(REFUSED, reason, "", new byte[0]);
    }

    static ZapReply error(String reason) {
        return new ZapReply(ERROR, reason, "", new byte[0]);
    }

    /** The reply message for a request that came with {@code envelope} and {@code requestId}. */
    Message toMessage(List<Frame> envelope, byte[] requestId) {
        List<Frame> frames = new ArrayList<>(envelope.size() + 6);
        frames.addAll(envelope);
        frames.add(Frame.of(ZapRequest.VERSION));
        frames.add(Frame.of(requestId));
        frames.add(Frame.of(Integer.toString(status)));
        frames.add(Frame.of(text.length() > 255 ? text.substring(0, 255) : text));
        frames.add(Frame.of(userId));
        frames.add(Frame.of(metadata));
        return Message.of(frames);
    }
}
