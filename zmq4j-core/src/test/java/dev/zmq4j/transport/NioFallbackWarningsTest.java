package dev.zmq4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NIO transport (used where native epoll is not available, or with {@code -Dzmq4j.nio=true})
 * sets only the channel options its channels know: Netty logs a warning for each unknown option on
 * each channel, which ipc's domain socket channels once drew on every bind and connect.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NioFallbackWarningsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"ipc", "tcp"})
    void bindConnectAndDeliverWithoutAWarning(String transport) {
        Context ctx = nioContext();
        try (StderrCapture stderr = StderrCapture.start();
             ctx;
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            assertThat(ctx.isNativeTransport()).isFalse();
            String ep = pull.bind(transport.equals("ipc") ? "ipc://" + dir.resolve("nio.sock") : "tcp://127.0.0.1:*");
            push.connect(ep);
            assertThat(push.send(Message.of("a", "b"), WAIT)).isTrue();
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("a", "b");
            assertThat(stderr.lines()).noneMatch(line -> line.contains("WARN"));
        }
    }

    /** A context on the NIO transport, whatever this machine has. */
    private static Context nioContext() {
        String old = System.getProperty("zmq4j.nio");
        System.setProperty("zmq4j.nio", "true");
        try {
            return new Context();
        } finally {
            if (old == null) {
                System.clearProperty("zmq4j.nio");
            } else {
                System.setProperty("zmq4j.nio", old);
            }
        }
    }
}
