package dev.zmq4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.json.Shapes.Order;
import dev.zmq4j.json.Shapes.Point;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON values through a real PUSH/PULL pair, over every transport that needs no file system. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JsonSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final JsonMessages json = new JsonMessages();
    private final Context context = new Context();

    @AfterEach
    void closeContext() {
        context.close();
    }

    /** A PUSH bound to {@code transport} and a PULL connected to it, as {@code [push, pull]}. */
    private Socket[] pair(String transport) {
        Socket push = context.socket(SocketType.PUSH);
        Socket pull = context.socket(SocketType.PULL);
        String endpoint = push.bind(transport.equals("inproc")
                ? "inproc://json-" + UUID.randomUUID() : "tcp://127.0.0.1:*");
        pull.connect(endpoint);
        return new Socket[] {push, pull};
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void recordsMapsAndListsArriveAsSent(String transport) {
        Socket[] s = pair(transport);
        Order order = Shapes.order();
        Map<String, Object> map = Map.of("k", "v", "n", List.of(1, 2, 3));
        List<Point> points = List.of(new Point(0, 0), new Point(5, -5));

        assertThat(json.send(s[0], order, WAIT)).isTrue();
        assertThat(json.send(s[0], map, WAIT)).isTrue();
        assertThat(json.send(s[0], points, WAIT)).isTrue();

        assertThat(json.receive(s[1], Order.class, WAIT)).isEqualTo(order);
        assertThat(json.receive(s[1], new TypeReference<Map<String, Object>>() { }, WAIT)).isEqualTo(map);
        assertThat(json.receive(s[1], new TypeReference<List<Point>>() { }, WAIT)).isEqualTo(points);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void aMessageThatIsNotOneJsonValueThrowsAndTheNextStillArrives(String transport) {
        Socket[] s = pair(transport);

        assertThat(s[0].send(Message.of("{\"x\": 1", "y"), WAIT)).isTrue();
        assertThat(s[0].send("{\"x\": oops}", WAIT)).isTrue();
        assertThat(json.send(s[0], new Point(3, 4), WAIT)).isTrue();

        assertThatThrownBy(() -> json.receive(s[1], Point.class, WAIT))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("message: 2 frames (expected: 1, one JSON value); frame 1 (1 byte: \"y\")");
        assertThatThrownBy(() -> json.receive(s[1], Point.class, WAIT))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("frame 0 (11 bytes: \"{\\\"x\\\": oops}\") is not JSON for Point: ")
                .hasMessageContaining("(line 1, column ");
        assertThat(json.receive(s[1], Point.class, WAIT)).isEqualTo(new Point(3, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inproc", "tcp"})
    void receiveReturnsNullWhenTheTimeoutElapses(String transport) {
        Socket[] s = pair(transport);

        assertThat(json.receive(s[1], Point.class, Duration.ofMillis(50))).isNull();
        assertThat(json.receive(s[1], new TypeReference<List<Point>>() { }, Duration.ZERO)).isNull();
    }
}
