package dev.zmq4j.auth;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A ZAP request (rfc 27) as a ROUTER receives it, parsed and checked. The envelope is every frame
 * up to and including the first empty one (the ROUTER's routing id, any further routing ids, the
 * delimiter); the reply goes back with the same envelope.
 *
 * <pre>
 * +----------------+
 * | routing id ... |  envelope (the ROUTER adds the first)
 * +-+--------------+
 * | |                 empty delimiter
 * +-+---+
 * | 1.0 |             version
 * +-----+---+
 * | request |         request id, echoed in the reply
 * +---------+
 * | domain  |         ASCII, at most 255 (may be empty: libzmq sends ZAP_DOMAIN as set)
 * | address |         ASCII, at most 255: the client's IP address
 * | identity|         at most 255 bytes
 * | mechan. |         "NULL", "PLAIN", "CURVE", ... (not empty)
 * | credentials ...   NULL: none; PLAIN: user name, password; CURVE: a 32-byte public key
 * +---------+
 * </pre>
 *
 * <p>Immutable.
 */
record ZapRequest(List<Frame> envelope, byte[] requestId, String domain, String address, byte[] identity,
                  String mechanism, List<byte[]> credentials) {
    static final String VERSION = "1.0";
    private static final int HEADER_FRAMES = 6;
    private static final int MAX_STRING = 255;

    /**
     * A request that breaks rfc 27. {@link #envelope} and {@link #requestId} are {@code null} when
     * the message did not get that far, in which case no reply can be sent.
     */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        final transient List<Frame> envelope;
        final transient byte[] requestId;

        Malformed(List<Frame> envelope, byte[] requestId, String reason) {
            super(reason, null, false, false);
            this.envelope = envelope;
            this.requestId = requestId;
        }

        /** Whether a reply can be sent: the envelope and the request id were readable. */
        boolean answerable() {
            return envelope != null && requestId != null;
        }
    }

    /**
     * Parses a message received on a ROUTER (its first frame the sender's routing id).
     *
     * @throws Malformed if the message is not a well-formed ZAP 1.0 request
     */
    static ZapRequest parse(Message message) throws Malformed {
        List<Frame> frames = message.frames();
        int delimiter = -1;
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).isEmpty()) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new Malformed(null, null, "envelope: no empty delimiter frame (expected: routing ids, an empty frame, then the request)");
        }
        List<Frame> envelope = List.copyOf(frames.subList(0, delimiter + 1));
        List<Frame> body = frames.subList(delimiter + 1, frames.size());
        if (body.size() < 2) {
            throw new Malformed(envelope, null, "request: " + body.size()
                    + " frames after the delimiter (expected: >= 6: version, request id, domain, address, identity, mechanism)");
        }
        byte[] requestId = body.get(1).toByteArray();
        String version = printable(body.get(0));
        if (!VERSION.equals(version)) {
            throw new Malformed(envelope, requestId, "version: " + version + " (expected: 1.0)");
        }
        if (body.size() < HEADER_FRAMES) {
            throw new Malformed(envelope, requestId, "request: " + body.size()
                    + " frames after the delimiter (expected: >= 6: version, request id, domain, address, identity, mechanism)");
        }
        String domain = ascii("domain", body.get(2), envelope, requestId);
        String address = ascii("address", body.get(3), envelope, requestId);
        byte[] identity = body.get(4).toByteArray();
        if (identity.length > MAX_STRING) {
            throw new Malformed(envelope, requestId, "identity: " + identity.length + " bytes (expected: <= 255)");
        }
        String mechanism = ascii("mechanism", body.get(5), envelope, requestId);
        if (mechanism.isEmpty()) {
            throw new Malformed(envelope, requestId, "mechanism: empty (expected: NULL, PLAIN, CURVE or another name)");
        }
        List<byte[]> credentials = new ArrayList<>();
        for (Frame f : body.subList(HEADER_FRAMES, body.size())) {
            credentials.add(f.toByteArray());
        }
        checkCredentials(mechanism, credentials, envelope, requestId);
        return new ZapRequest(envelope, requestId, domain, address, identity, mechanism, List.copyOf(credentials));
    }

    /** rfc 27's credentials per mechanism; other mechanisms are not checked here (the policy refuses them). */
    private static void checkCredentials(String mechanism, List<byte[]> credentials, List<Frame> envelope, byte[] requestId)
            throws Malformed {
        int expected = switch (mechanism) {
            case "NULL" -> 0;
            case "PLAIN" -> 2;
            case "CURVE" -> 1;
            default -> -1;
        };
        if (expected >= 0 && credentials.size() != expected) {
            throw new Malformed(envelope, requestId, mechanism + " credentials: " + credentials.size()
                    + " frames (expected: " + expected + ")");
        }
        if (mechanism.equals("CURVE") && credentials.get(0).length != 32) {
            throw new Malformed(envelope, requestId, "CURVE public key: " + credentials.get(0).length
                    + " bytes (expected: 32)");
        }
    }

    private static String ascii(String field, Frame frame, List<Frame> envelope, byte[] requestId) throws Malformed {
        if (frame.size() > MAX_STRING) {
            throw new Malformed(envelope, requestId, field + ": " + frame.size() + " bytes (expected: <= 255)");
        }
        for (int i = 0; i < frame.size(); i++) {
            int b = frame.byteAt(i) & 0xFF;
            if (b < 0x20 || b > 0x7E) {
                throw new Malformed(envelope, requestId, field + ": byte " + i + " is 0x" + Integer.toHexString(b)
                        + " (expected: printable ASCII)");
            }
        }
        return frame.toUtf8();
    }

    /** A frame for a log line: its printable ASCII, others as '?', at most 32 characters. */
    static String printable(Frame frame) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(frame.size(), 32); i++) {
            int b = frame.byteAt(i) & 0xFF;
            sb.append(b >= 0x20 && b <= 0x7E ? (char) b : '?');
        }
        return frame.size() > 32 ? sb + "..." : sb.toString();
    }

    /** The PLAIN user name (credentials frame 0), as UTF-8. */
    String plainUser() {
        return new String(credentials.get(0), StandardCharsets.UTF_8);
    }
}
