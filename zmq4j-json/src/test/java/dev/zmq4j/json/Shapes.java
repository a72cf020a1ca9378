package dev.zmq4j.json;

import java.util.List;
import java.util.Map;

/** The values the tests send: a flat record, records nested in records, lists and maps. */
final class Shapes {
    private Shapes() {
    }

    record Point(int x, int y) {
    }

    record Line(String label, Point from, Point to) {
    }

    record Order(long id, String item, List<String> colours, Map<String, Integer> stock, Line route) {
    }

    static Order order() {
        return new Order(42, "lamp \"Ø\" ✓", List.of("red", "green"), Map.of("paris", 3, "oslo", 0),
                new Line("route", new Point(1, 2), new Point(-3, 4)));
    }
}
