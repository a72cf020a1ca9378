package dev.zmq4j.zmtp;

import java.nio.ByteBuffer;

/**
 * Collects a peer's 64-byte greeting from a stream in any fragmentation, checking each byte as it
 * arrives ({@link Greeting#checkPrefix}), so that a ZMTP 1.0 or 2.0 peer is refused after one to
 * eleven bytes instead of being waited for. Not thread-safe; one per connection.
 */
public final class GreetingReader {
    private final byte[] bytes = new byte[Greeting.SIZE];
    private int read;
    private Greeting greeting;

    /**
     * Takes greeting bytes from {@code in} (no more than the greeting's).
     *
     * @return the greeting once complete (exactly once), otherwise {@code null}
     * @throws ProtocolException if the bytes so far cannot start a ZMTP 3.x greeting
     */
    public Greeting read(ByteBuffer in) throws ProtocolException {
        if (greeting != null) {
            return null;
        }
        int n = Math.min(in.remaining(), Greeting.SIZE - read);
        in.get(bytes, read, n);
        read += n;
        Greeting.checkPrefix(bytes, read);
        if (read < Greeting.SIZE) {
            return null;
        }
        greeting = Greeting.decode(bytes);
        return greeting;
    }

    /** Whether the whole greeting has arrived. */
    public boolean isComplete() {
        return greeting != null;
    }
}
