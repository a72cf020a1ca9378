package dev.zmq4j.patterns.directory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The beacon payload of a {@link ServiceDirectory}: a service's name and endpoint, announced or
 * withdrawn.
 *
 * <pre>
 * +---+---+---+------+-------+-----+------+-----+----------+
 * | Z | S | D | %x01 | state | len | name | len | endpoint |     at most 255 octets in all
 * +---+---+---+------+-------+-----+------+-----+----------+
 *     header           0 up     1    UTF-8   1    UTF-8
 *                      1 gone
 * </pre>
 *
 * The name is 1 to 255 octets, the endpoint 1 to 255, and together at most
 * {@value #MAX_NAME_AND_ENDPOINT}. A peer is keyed by the octets after {@code state}, so a
 * withdrawal matches its announcement.
 *
 * @param name     the service's name
 * @param endpoint where to connect to it
 * @param gone     whether this withdraws the service
 */
record ServiceRecord(String name, String endpoint, boolean gone) {
    static final byte[] HEADER = {'Z', 'S', 'D', 1};
    /** The most octets name and endpoint may take together, in UTF-8. */
    static final int MAX_NAME_AND_ENDPOINT = 255 - HEADER.length - 3;
    private static final int STATE = HEADER.length;

    ServiceRecord {
        int n = utf8(name).length;
        int e = utf8(endpoint).length;
        if (n == 0 || e == 0) {
            throw new IllegalArgumentException("service " + name + " at " + endpoint + " (expected: a name and an endpoint, neither empty)");
        }
        if (n + e > MAX_NAME_AND_ENDPOINT) {
            throw new IllegalArgumentException("service " + name + " at " + endpoint + ": " + (n + e)
                    + " bytes of name and endpoint (expected: <= " + MAX_NAME_AND_ENDPOINT + " in UTF-8)");
        }
    }

    byte[] encode() {
        byte[] n = utf8(name);
        byte[] e = utf8(endpoint);
        return ByteBuffer.allocate(HEADER.length + 3 + n.length + e.length)
                .put(HEADER).put((byte) (gone ? 1 : 0))
                .put((byte) n.length).put(n)
                .put((byte) e.length).put(e)
                .array();
    }

    ServiceRecord withdrawn() {
        return new ServiceRecord(name, endpoint, true);
    }

    /** The octets that identify the service within its sender; null if the payload is not a record. */
    static byte[] key(byte[] payload) {
        return decode(payload).isPresent() ? Arrays.copyOfRange(payload, STATE + 1, payload.length) : null;
    }

    /** Whether the payload withdraws a service. */
    static boolean isWithdrawal(byte[] payload) {
        return decode(payload).map(ServiceRecord::gone).orElse(false);
    }

    /** The record in {@code payload}; empty if it is not a well-formed one. */
    static Optional<ServiceRecord> decode(byte[] payload) {
        if (payload.length < HEADER.length + 5 || !Arrays.equals(payload, 0, HEADER.length, HEADER, 0, HEADER.length)
                || payload[STATE] > 1 || payload[STATE] < 0) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(payload, STATE + 1, payload.length - STATE - 1);
        try {
            String name = string(b);
            String endpoint = string(b);
            if (b.hasRemaining() || name.isEmpty() || endpoint.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ServiceRecord(name, endpoint, payload[STATE] == 1));
        } catch (CharacterCodingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String string(ByteBuffer b) throws CharacterCodingException {
        int length = Byte.toUnsignedInt(b.get());
        ByteBuffer slice = b.slice(b.position(), length);
        b.position(b.position() + length);
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(slice).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
