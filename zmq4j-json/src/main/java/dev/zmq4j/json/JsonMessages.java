package dev.zmq4j.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.ByteBufferBackedInputStream;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Values as one-frame JSON messages: a record, a {@code Map<String, Object>}, a {@code List} or
 * anything else Jackson can write becomes a message of one frame holding its JSON in UTF-8, and
 * such a message becomes a value of the type asked for.
 *
 * <pre>{@code
 * JsonMessages json = new JsonMessages();
 * json.send(push, new Order(42, "lamp", List.of("red")));
 * Order order = json.receive(pull, Order.class);                       // waits as RCVTIMEO says
 * Map<String, Object> any = json.receive(pull, new TypeReference<>() {}, Duration.ofSeconds(1));
 * }</pre>
 *
 * <p>A message that is not one frame, not well-formed JSON (exactly one value, nothing after
 * it), JSON {@code null}, or JSON of another shape than the type asks for throws
 * {@link JsonMessageException}, which names the frame and Jackson's reason with its line and
 * column. A value Jackson cannot write throws {@link IllegalArgumentException}. Timeouts are the
 * socket's: {@code receive} returns {@code null} and {@code send} {@code false} when one elapsed.
 *
 * <p>Thread-safe as long as nobody reconfigures the {@link ObjectMapper} after handing it over;
 * the sockets passed in keep their own threading rules.
 */
public final class JsonMessages {
    private final ObjectMapper mapper;

    /** JSON with Jackson's defaults ({@link JsonMapper#builder()}); records need nothing more. */
    public JsonMessages() {
        this(JsonMapper.builder().build());
    }

    /**
     * JSON as {@code mapper} writes and reads it (modules, naming strategies, unknown
     * properties...). Whatever the mapper says, a frame must hold exactly one JSON value.
     *
     * @param mapper the Jackson mapper that writes and reads the frames
     */
    public JsonMessages(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** {@return the mapper in use; configure it before use, never while messages are being converted} */
    public ObjectMapper mapper() {
        return mapper;
    }

    // ---- values and messages ----

    /**
     * A message of one frame: {@code value} as UTF-8 JSON.
     *
     * @param value the value to write: a record, a map, a list, or anything Jackson writes
     * @return the message
     * @throws IllegalArgumentException if {@code value} is null (it would read back as no
     *     value) or Jackson cannot write it
     */
    public Message toMessage(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("value: null (expected: a value to write as JSON)");
        }
        try {
            return Message.of(Frame.wrap(mapper.writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value: a " + value.getClass().getName()
                    + " (expected: a value Jackson can write as JSON): " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The value of type {@code type} that the message's one JSON frame holds.
     *
     * @param message a message of one frame
     * @param type    the class to read the JSON as
     * @param <T>     the value's type
     * @return the value, never {@code null}
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T fromMessage(Message message, Class<T> type) {
        return read(message, mapper.getTypeFactory().constructType(type));
    }

    /**
     * As {@link #fromMessage(Message, Class)}, for generic types such as
     * {@code new TypeReference<List<Order>>() {}} or {@code Map<String, Object>}.
     *
     * @param message a message of one frame
     * @param type    the generic type to read the JSON as
     * @param <T>     the value's type
     * @return the value, never {@code null}
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T fromMessage(Message message, TypeReference<T> type) {
        return read(message, mapper.getTypeFactory().constructType(type));
    }

    // ---- sockets ----

    /**
     * Sends {@code value} as a one-frame JSON message, waiting as the socket's SNDTIMEO says.
     *
     * @param socket the socket to send on
     * @param value  the value to write
     * @return {@code false} if SNDTIMEO elapsed
     */
    public boolean send(Socket socket, Object value) {
        return socket.send(toMessage(value));
    }

    /**
     * As {@link #send(Socket, Object)}, waiting at most {@code timeout}.
     *
     * @param socket  the socket to send on
     * @param value   the value to write
     * @param timeout the longest wait
     * @return {@code false} if the timeout elapsed
     */
    public boolean send(Socket socket, Object value, Duration timeout) {
        return socket.send(toMessage(value), timeout);
    }

    /**
     * Receives a message, waiting as the socket's RCVTIMEO says, and reads it as {@code type}.
     * A message that cannot be read is consumed all the same.
     *
     * @param socket the socket to receive from
     * @param type   the class to read the JSON as
     * @param <T>    the value's type
     * @return the value, or {@code null} if RCVTIMEO elapsed
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T receive(Socket socket, Class<T> type) {
        return fromNullable(socket.receive(), type);
    }

    /**
     * As {@link #receive(Socket, Class)}, waiting at most {@code timeout}.
     *
     * @param socket  the socket to receive from
     * @param type    the class to read the JSON as
     * @param timeout the longest wait
     * @param <T>     the value's type
     * @return the value, or {@code null} if the timeout elapsed
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T receive(Socket socket, Class<T> type, Duration timeout) {
        return fromNullable(socket.receive(timeout), type);
    }

    /**
     * As {@link #receive(Socket, Class)}, for generic types.
     *
     * @param socket the socket to receive from
     * @param type   the generic type to read the JSON as
     * @param <T>    the value's type
     * @return the value, or {@code null} if RCVTIMEO elapsed
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T receive(Socket socket, TypeReference<T> type) {
        Message message = socket.receive();
        return message == null ? null : fromMessage(message, type);
    }

    /**
     * As {@link #receive(Socket, TypeReference)}, waiting at most {@code timeout}.
     *
     * @param socket  the socket to receive from
     * @param type    the generic type to read the JSON as
     * @param timeout the longest wait
     * @param <T>     the value's type
     * @return the value, or {@code null} if the timeout elapsed
     * @throws JsonMessageException if the message is not one frame holding one JSON value of that shape
     */
    public <T> T receive(Socket socket, TypeReference<T> type, Duration timeout) {
        Message message = socket.receive(timeout);
        return message == null ? null : fromMessage(message, type);
    }

    private <T> T fromNullable(Message message, Class<T> type) {
        return message == null ? null : fromMessage(message, type);
    }

    // ---- reading ----

    private <T> T read(Message message, JavaType type) {
        Objects.requireNonNull(message, "message");
        if (message.size() != 1) {
            Frame extra = message.frame(1);
            throw new JsonMessageException("message: " + message.size() + " frames (expected: 1, one JSON value); "
                    + FrameText.describe(1, extra) + " follows " + FrameText.describe(0, message.first()),
                    1, extra.size(), null);
        }
        Frame frame = message.first();
        // One frame, one value: trailing content is an error whatever the mapper was told.
        ObjectReader reader = mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        T value;
        try (InputStream in = new ByteBufferBackedInputStream(frame.asReadOnlyBuffer())) {
            value = reader.readValue(in);
        } catch (JsonProcessingException e) {
            throw new JsonMessageException(FrameText.describe(0, frame) + " is not JSON for " + name(type)
                    + ": " + reason(e), 0, frame.size(), e);
        } catch (IOException e) {
            // The stream is over memory; only a mapper's own failure can end up here.
            throw new JsonMessageException(FrameText.describe(0, frame) + " could not be read as " + name(type)
                    + ": " + e, 0, frame.size(), e);
        }
        if (value == null) {
            throw new JsonMessageException(FrameText.describe(0, frame) + " is JSON null (expected: a "
                    + name(type) + ")", 0, frame.size(), null);
        }
        return value;
    }

    private static String name(JavaType type) {
        return type.hasGenericTypes() ? type.toCanonical() : type.getRawClass().getSimpleName();
    }

    /** Jackson's reason on one line, then where: the property path (if any), line and column. */
    private static String reason(JsonProcessingException e) {
        String original = Objects.toString(e.getOriginalMessage(), e.getClass().getSimpleName());
        StringBuilder out = new StringBuilder(original.replace('\n', ' ').strip());
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            out.append(" at ").append(path(m.getPath()));
        }
        JsonLocation where = e.getLocation();
        if (where != null && where.getLineNr() > 0) {
            out.append(" (line ").append(where.getLineNr()).append(", column ").append(where.getColumnNr()).append(')');
        }
        return out.toString();
    }

    /** A JSONPath-like path: {@code $.items[2].name}. */
    private static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder("$");
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                out.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
