package dev.zmq4j.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.json.Shapes.Order;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JSON messages between zmq4j and pyzmq (libzmq) over tcp, both ways: Python's json module is the reference. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JsonPythonInteropTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Python's view of {@link Shapes#order()}: {@code json.dumps(sort_keys=True)}, non-ASCII escaped. */
    private static final String ORDER_AS_PYTHON_SEES_IT = "{\"colours\": [\"red\", \"green\"], \"id\": 42, "
            + "\"item\": \"lamp \\\"\\u00d8\\\" \\u2713\", \"route\": {\"from\": {\"x\": 1, \"y\": 2}, "
            + "\"label\": \"route\", \"to\": {\"x\": -3, \"y\": 4}}, \"stock\": {\"oslo\": 0, \"paris\": 3}}";

    private static final String PYTHON_PUSH = """
            import sys, json, zmq
            ctx = zmq.Context()
            s = ctx.socket(zmq.PUSH)
            s.connect(sys.argv[1])
            order = {"id": 42, "item": "lamp \\"\\u00d8\\" \\u2713", "colours": ["red", "green"],
                     "stock": {"paris": 3, "oslo": 0},
                     "route": {"label": "route", "from": {"x": 1, "y": 2}, "to": {"x": -3, "y": 4}}}
            s.send_string(json.dumps(order))
            s.send_string(json.dumps({"n": 1.5, "ok": True, "none": None, "list": [1, "two"]}))
            s.close(linger=20000)
            ctx.term()
            print("OK sent 2")
            """;

    private static final String PYTHON_PULL = """
            import sys, json, zmq
            ctx = zmq.Context()
            s = ctx.socket(zmq.PULL)
            s.setsockopt(zmq.RCVTIMEO, 20000)
            s.connect(sys.argv[1])
            for _ in range(2):
                frames = s.recv_multipart()
                assert len(frames) == 1, frames
                print(json.dumps(json.loads(frames[0].decode("utf-8")), sort_keys=True))
            s.close(linger=0)
            ctx.term()
            """;

    private final JsonMessages json = new JsonMessages();

    @BeforeEach
    void requirePyzmq() {
        Python.assumeAvailable();
    }

    @Test
    void decodesWhatPythonJsonDumpsSends() {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            try (Python python = Python.start(PYTHON_PUSH, endpoint)) {
                Order order = json.receive(pull, Order.class, DEADLINE);
                Map<String, Object> map = json.receive(pull, new TypeReference<>() { }, DEADLINE);

                assertThat(order).isEqualTo(Shapes.order());
                assertThat(map).containsEntry("n", 1.5).containsEntry("ok", true).containsEntry("none", null)
                        .containsEntry("list", List.of(1, "two")).hasSize(4);
                assertThat(python.awaitOutput(DEADLINE)).containsExactly("OK sent 2");
            }
        }
    }

    @Test
    void pythonJsonLoadsWhatWeSend() {
        try (Context context = new Context(); Socket push = context.socket(SocketType.PUSH)) {
            String endpoint = push.bind("tcp://127.0.0.1:*");
            try (Python python = Python.start(PYTHON_PULL, endpoint)) {
                // PUSH waits for a peer: these sends are what waits for python to connect.
                assertThat(json.send(push, Shapes.order(), DEADLINE)).isTrue();
                assertThat(json.send(push, List.of(Map.of("a", 1), "b", 2.5, true), DEADLINE)).isTrue();

                assertThat(python.awaitOutput(DEADLINE))
                        .containsExactly(ORDER_AS_PYTHON_SEES_IT, "[{\"a\": 1}, \"b\", 2.5, true]");
            }
        }
    }
}
