package dev.zmq4j.cli.socket;

import dev.zmq4j.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The messages a command sends, read from its standard input: one message per line (UTF-8, the
 * line end removed), split into frames at each occurrence of the separator and each frame read in
 * the input format; an empty line is one empty frame. In raw mode the whole input, unchanged, is
 * one single-frame message.
 *
 * <p>Not thread-safe: one thread reads.
 */
final class MessageReader {
    private final InputStream in;
    private final BufferedReader lines;
    private final String separator;
    private final Format format;
    private final boolean raw;
    private boolean rawDone;

    MessageReader(InputStream in, String separator, Format format, boolean raw) {
        this.in = in;
        this.lines = raw ? null : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.separator = separator;
        this.format = format;
        this.raw = raw;
    }

    /**
     * The next message, waiting for input; {@code null} at the end of the input.
     *
     * @throws UncheckedIOException     if the input cannot be read
     * @throws IllegalArgumentException if a frame is not valid in the input format
     */
    Message next() {
        try {
            if (raw) {
                if (rawDone) {
                    return null;
                }
                rawDone = true;
                return Message.of(in.readAllBytes());
            }
            String line = lines.readLine();
            return line == null ? null : parse(line);
        } catch (IOException e) {
            throw new UncheckedIOException("standard input: " + e.getMessage(), e);
        }
    }

    /** The message one line stands for. */
    Message parse(String line) {
        List<byte[]> frames = new ArrayList<>();
        if (separator.isEmpty()) {
            frames.add(format.frame(line));
        } else {
            for (String part : line.split(Pattern.quote(separator), -1)) {
                frames.add(format.frame(part));
            }
        }
        return Message.of(frames.toArray(new byte[0][]));
    }
}
