package dev.zmq4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demos' tiny JSON: the talk's shapes written exactly, read back, and malformed input refused. */
class DemoJsonTest {
    @Test
    void writesTheTalksBeaconShape() {
        assertThat(Json.object("pid", 12345L, "timestamp", 1404168475695L))
                .isEqualTo("{\"pid\": 12345, \"timestamp\": 1404168475695}");
    }

    @Test
    void escapesQuotesAndBackslashesInStrings() {
        String json = Json.object("item", "a \"b\" \\c", "ok", true);
        assertThat(json).isEqualTo("{\"item\": \"a \\\"b\\\" \\\\c\", \"ok\": true}");
        assertThat(Json.parse(json)).isEqualTo(Map.of("item", "a \"b\" \\c", "ok", true));
    }

    @Test
    void readsWhatPythonsJsonDumpsWrites() {
        assertThat(Json.parse("{\"pid\": 12345, \"timestamp\": 1404168475695}"))
                .containsExactly(Map.entry("pid", 12345L), Map.entry("timestamp", 1404168475695L));
        assertThat(Json.parse("{\"job\":-7}")).isEqualTo(Map.of("job", -7L));
        assertThat(Json.parse(" { } ")).isEmpty();
    }

    @Test
    void refusesWhatItCannotRead() {
        for (String bad : new String[] {"", "{", "{\"a\": 1", "{\"a\" 1}", "{\"a\": 1.5}", "{\"a\": [1]}", "{\"a\": 1} x", "{\"a\": \"\\n\"}"}) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("json: ");
        }
        assertThatThrownBy(() -> Json.object("odd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keysAndValues: 1 (expected: an even count)");
    }
}
