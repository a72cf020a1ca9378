package dev.zmq4j.json;

/**
 * A message that cannot be read as the expected JSON value: not one frame, not well-formed JSON,
 * or JSON of another shape than the type asks for. The message names the frame (its index, its
 * size and its first characters, escaped) and the reason, with Jackson's line and column when
 * it gave them, e.g.
 * <pre>
 * frame 0 (9 bytes: "{\"id\": 1,") is not JSON for Order: Unexpected end-of-input ... at line 1, column 10
 * </pre>
 *
 * <p>Immutable and thread-safe, as exceptions are once thrown.
 */
public final class JsonMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int frameIndex;
    private final int frameSize;

    JsonMessageException(String message, int frameIndex, int frameSize, Throwable cause) {
        super(message, cause);
        this.frameIndex = frameIndex;
        this.frameSize = frameSize;
    }

    /** The index in its message of the frame that could not be read (0 for a one-frame message). */
    public int frameIndex() {
        return frameIndex;
    }

    /** The size in bytes of that frame. */
    public int frameSize() {
        return frameSize;
    }
}
