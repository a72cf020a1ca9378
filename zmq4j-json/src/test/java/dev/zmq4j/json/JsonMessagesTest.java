package dev.zmq4j.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.json.Shapes.Line;
import dev.zmq4j.json.Shapes.Order;
import dev.zmq4j.json.Shapes.Point;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Values to messages and back, and the messages that cannot be read; no sockets. */
class JsonMessagesTest {
    private final JsonMessages json = new JsonMessages();

    @Test
    void writesOneFrameOfUtf8Json() {
        Message m = json.toMessage(new Point(1, -2));

        assertThat(m.size()).isEqualTo(1);
        assertThat(m.first().toUtf8()).isEqualTo("{\"x\":1,\"y\":-2}");
    }

    @Test
    void roundTripsNestedRecordsListsAndMaps() {
        Order order = Shapes.order();

        assertThat(json.fromMessage(json.toMessage(order), Order.class)).isEqualTo(order);
    }

    @Test
    void readsMapsAndListsOfAnyJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "ø");
        map.put("n", 3);
        map.put("tags", List.of("a", "b"));
        map.put("nested", Map.of("ok", true));

        Map<String, Object> back = json.fromMessage(json.toMessage(map), new TypeReference<>() { });
        List<Object> list = json.fromMessage(Message.of("[1, \"two\", null, {\"three\": 3.5}]"), List.class);

        assertThat(back).isEqualTo(map);
        assertThat(list).containsExactly(1, "two", null, Map.of("three", 3.5));
    }

    @Test
    void readsGenericListsOfRecords() {
        List<Point> points = List.of(new Point(1, 2), new Point(3, 4));

        List<Point> back = json.fromMessage(json.toMessage(points), new TypeReference<>() { });

        assertThat(back).isEqualTo(points);
    }

    @Test
    void usesTheMapperItIsGiven() {
        JsonMessages snake = new JsonMessages(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
        record Reading(String sensorName, double valueCelsius) { }

        Message m = snake.toMessage(new Reading("hall", 21.5));

        assertThat(m.first().toUtf8()).isEqualTo("{\"sensor_name\":\"hall\",\"value_celsius\":21.5}");
        assertThat(snake.fromMessage(m, Reading.class)).isEqualTo(new Reading("hall", 21.5));
    }

    @Test
    void malformedJsonNamesTheFrameAndWhereJacksonStopped() {
        Message m = Message.of("{\"x\": 1,\n \"y\": }");

        assertThatThrownBy(() -> json.fromMessage(m, Point.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("frame 0 (16 bytes: \"{\\\"x\\\": 1,\\n \\\"y\\\": }\") is not JSON for Point: ")
                .hasMessageContaining("Unexpected character ('}'")
                .hasMessageEndingWith("(line 2, column 7)")
                .satisfies(e -> {
                    JsonMessageException j = (JsonMessageException) e;
                    assertThat(j.frameIndex()).isZero();
                    assertThat(j.frameSize()).isEqualTo(16);
                });
    }

    @Test
    void twoFramesNameTheExtraFrame() {
        Message m = Message.of("{\"x\":1,\"y\":2}", "extra");

        assertThatThrownBy(() -> json.fromMessage(m, Point.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessage("message: 2 frames (expected: 1, one JSON value); frame 1 (5 bytes: \"extra\") follows "
                        + "frame 0 (13 bytes: \"{\\\"x\\\":1,\\\"y\\\":2}\")")
                .satisfies(e -> assertThat(((JsonMessageException) e).frameIndex()).isEqualTo(1));
    }

    @Test
    void aTypeMismatchNamesThePropertyPath() {
        Message m = Message.of("{\"label\":\"l\",\"from\":{\"x\":\"one\",\"y\":2},\"to\":null}");

        assertThatThrownBy(() -> json.fromMessage(m, Line.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("frame 0 (48 bytes: ")
                .hasMessageContaining("is not JSON for Line: Cannot deserialize value of type `int` from String \"one\"")
                .hasMessageContaining("at $.from.x (line 1, column ");
    }

    @Test
    void anArrayWhereAnObjectIsExpectedIsAMismatch() {
        assertThatThrownBy(() -> json.fromMessage(Message.of("[1,2]"), Point.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("frame 0 (5 bytes: \"[1,2]\") is not JSON for Point: Cannot deserialize");
    }

    @Test
    void refusesTrailingContentAnEmptyFrameAndJsonNull() {
        assertThatThrownBy(() -> json.fromMessage(Message.of("{\"x\":1,\"y\":2} {}"), Point.class))
                .isInstanceOf(JsonMessageException.class).hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> json.fromMessage(Message.of(Frame.EMPTY), Point.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("frame 0 (0 bytes: \"\") is not JSON for Point: No content");
        assertThatThrownBy(() -> json.fromMessage(Message.of("null"), Point.class))
                .isInstanceOf(JsonMessageException.class)
                .hasMessage("frame 0 (4 bytes: \"null\") is JSON null (expected: a Point)");
    }

    @Test
    void showsOnlyTheStartOfALongOrBinaryFrameEscaped() {
        String longText = "[" + "\"abcdefghij\",".repeat(20) + "]";
        byte[] binary = {(byte) 0xff, 0x00, 0x01, 'a'};

        assertThatThrownBy(() -> json.fromMessage(Message.of(longText), List.class))
                .hasMessageStartingWith("frame 0 (262 bytes: \"[" + "\\\"abcdefghij\\\",".repeat(4) + "\\\"abcdef\"...)");
        assertThatThrownBy(() -> json.fromMessage(Message.of(binary), Point.class))
                .hasMessageStartingWith("frame 0 (4 bytes: \"\\ufffd\\u0000\\u0001a\") is not JSON for Point");
    }

    @Test
    void refusesNullAndValuesJacksonCannotWrite() {
        assertThatThrownBy(() -> json.toMessage(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value: null (expected: a value to write as JSON)");
        assertThatThrownBy(() -> json.toMessage(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(JsonMessageException.class)
                .hasMessageStartingWith("value: a java.lang.Object (expected: a value Jackson can write as JSON): ");
    }

    @Property(tries = 200)
    void anyTextAndNumbersRoundTrip(@ForAll String label, @ForAll int x, @ForAll int y) {
        Line line = new Line(label, new Point(x, y), new Point(y, x));

        assertThat(json.fromMessage(json.toMessage(line), Line.class)).isEqualTo(line);
    }
}
