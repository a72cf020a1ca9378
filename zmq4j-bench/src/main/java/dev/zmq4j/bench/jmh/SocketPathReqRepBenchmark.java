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
 * A REQ/REP round trip of a 64-byte message over tcp (127.0.0.1) or inproc: the benchmark thread
 * sends a request and receives the reply; a background REP thread echoes each request's array
 * back. One operation is one round trip, and {@code gc.alloc.rate.norm} under {@code -prof gc} is
 * every thread's allocation per round trip (two messages, each sent and received once).
 * {@code api}: {@code bytes} = REQ uses {@code send(byte[])}/{@code receiveBytes()};
 * {@code message} = REQ uses {@code send(Message)} (built once)/{@code receive()}. REP always
 * uses {@code receiveBytes()}/{@code send(byte[])}.
 *
 * <p>Run: {@code java -jar zmq4j-bench/target/zmq4j-bench.jar jmh 'SocketPath.*' -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SocketPathReqRepBenchmark {
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Param({"tcp", "inproc"})
    public String transport;

    @Param({"bytes", "message"})
    public String api;

    private Context context;
    private Socket req;
    private Socket rep;
    private Background echo;
    private final byte[] payload = new byte[SocketPathPushPullBenchmark.SIZE];
    private final Message message = Message.of(payload);

    @Setup(Level.Trial)
    public void setUp() {
        context = new Context();
        req = context.socket(SocketType.REQ);
        rep = context.socket(SocketType.REP);
        req.set(Option.LINGER, Duration.ZERO);
        rep.set(Option.LINGER, Duration.ZERO);
        String ep = rep.bind(transport.equals("tcp") ? "tcp://127.0.0.1:*" : "inproc://alloc-rr-" + NAMES.incrementAndGet());
        req.connect(ep);
        echo = Background.start("rep-echo", () -> {
            byte[] request = rep.receiveBytes(SocketPathPushPullBenchmark.STEP);
            if (request != null) {
                rep.send(request);
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        echo.close();
        req.close();
        rep.close();
        context.close();
    }

    /** One request and its reply. */
    @Benchmark
    public Object roundTrip() {
        if (api.equals("bytes")) {
            req.send(payload);
            return req.receiveBytes();
        }
        req.send(message);
        return req.receive();
    }
}
