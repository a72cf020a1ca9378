package dev.zmq4j.json;

/**
 * A message that cannot be read as the expected JSON value: not one frame, not well-formed JSON,
 * or JSON of another shape than the type asks for. The message names the frame (its index, its
 * size and its first characters, escaped) and the reason, with Jackson's line and column when
 * it gave them, e.g.
 * <pre>
 * frame 0 (16 bytes: "{\"x\": 1,\n \"y\": }") is not JSON for Point: Unexpected character ('}' (code 125)): expected a value (line 2, column 7)
 * frame 0 (48 bytes: "...") is not JSON for Line: Cannot deserialize value of type `int` from String "one": ... at $.from.x (line 1, column 26)
 * message: 2 frames (expected: 1, one JSON value); frame 1 (5 bytes: "extra") follows frame 0 (...)
 * </pre>
 *
 * <p>Immutable and thread-safe, as exceptions are once thrown.
 */
public final class JsonMessageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The index in its message of the frame that could not be read. */
    private final int frameIndex;
    /** The size in bytes of that frame. */
    private final int frameSize;

    JsonMessageException(String message, int frameIndex, int frameSize, Throwable cause) {
        super(message, cause);
        this.frameIndex = frameIndex;
        this.frameSize = frameSize;
    }

    /** {@return the index in its message of the frame that could not be read (0 for a one-frame message)} */
    public int frameIndex() {
        return frameIndex;
    }

    /** {@return the size in bytes of that frame} */
    public int frameSize() {
        return frameSize;
    }
}
