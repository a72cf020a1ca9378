package dev.zmq4j.bench.jmh;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole-socket PUSH→PULL per 64-byte message, both sockets in this JVM, over tcp (127.0.0.1) or
 * inproc. In {@code send} the benchmark thread sends and a background thread receives with
 * {@code receiveBytes}; in {@code receive} the benchmark thread receives and a background thread
 * sends the same {@code byte[]} again and again. Either way one operation is one message, and
 * {@code -prof gc}'s {@code gc.alloc.rate.norm} is every thread's allocation (user threads and
 * I/O threads, both sides) divided by the messages the benchmark thread handled: the whole path
 * per message. The side under test is chosen by {@code api}: {@code bytes} sends the user's
 * {@code byte[]} / receives with {@code receiveBytes()}, {@code message} sends a {@link Message}
 * built once / receives with {@code receive()}. {@link SocketPathWireBenchmark} isolates one
 * side of tcp.
 *
 * <p>Run: {@code java -jar zmq4j-bench/target/zmq4j-bench.jar jmh 'SocketPath.*' -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SocketPathPushPullBenchmark {
    static final int SIZE = 64;
    static final Duration STEP = Duration.ofMillis(50);
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** A connected PUSH→PULL pair on {@code transport}. */
    @State(Scope.Benchmark)
    public abstract static class Pair {
        @Param({"tcp", "inproc"})
        public String transport;

        @Param({"bytes", "message"})
        public String api;

        Context context;
        Socket push;
        Socket pull;
        final byte[] payload = new byte[SIZE];
        Message message;
        Background other;

        void connect() {
            context = new Context();
            push = context.socket(SocketType.PUSH);
            pull = context.socket(SocketType.PULL);
            push.set(Option.LINGER, Duration.ZERO);
            pull.set(Option.LINGER, Duration.ZERO);
            String ep = pull.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://alloc-" + NAMES.incrementAndGet());
            push.connect(ep);
            message = Message.of(payload);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            other.close();
            push.close();
            pull.close();
            context.close();
        }
    }

    /** The benchmark thread sends; a background thread drains with {@code receiveBytes}. */
    public static class SendSide extends Pair {
        @Setup(Level.Trial)
        public void setUp() {
            connect();
            other = Background.start("pull-drain", () -> pull.receiveBytes(STEP));
        }
    }

    /** The benchmark thread receives; a background thread keeps the queue full. */
    public static class ReceiveSide extends Pair {
        @Setup(Level.Trial)
        public void setUp() {
            connect();
            other = Background.start("push-feed", () -> push.send(payload, STEP));
        }
    }

    /** One message sent (blocks at SNDHWM while the receiver catches up). */
    @Benchmark
    public boolean send(SendSide s) {
        return s.api.equals("bytes") ? s.push.send(s.payload) : s.push.send(s.message);
    }

    /** One message received. */
    @Benchmark
    public Object receive(ReceiveSide s) {
        return s.api.equals("bytes") ? s.pull.receiveBytes() : s.pull.receive();
    }
}
