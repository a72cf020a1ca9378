package dev.zmq4j.zmtp;

import java.util.Arrays;

/** One frame handed out by a {@link FrameDecoder}, compared by value. */
record DecodedFrame(int flags, byte[] body) {
    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedFrame f && f.flags == flags && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return 31 * flags + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        String hex = Bytes.toHex(body.length > 32 ? Arrays.copyOf(body, 32) : body);
        return "Frame{flags=" + flags + ", size=" + body.length + ", body=" + hex + (body.length > 32 ? "..." : "") + "}";
    }
}
