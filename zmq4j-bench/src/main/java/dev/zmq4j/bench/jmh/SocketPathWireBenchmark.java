package dev.zmq4j.bench.jmh;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * One side of the tcp path alone, 64-byte single-frame messages: the zmq4j socket talks to a
 * {@link RawZmtpPeer} on a plain blocking channel, which does the handshake and then discards
 * what it reads or writes pre-encoded frames, allocating nothing per message. So
 * {@code gc.alloc.rate.norm} under {@code -prof gc} is exactly one zmq4j side per message: the
 * user's thread plus that socket's I/O thread. {@code api}: {@code bytes} = {@code send(byte[])} /
 * {@code receiveBytes()}; {@code message} = {@code send(Message)} with a message built once /
 * {@code receive()}.
 *
 * <p>Run: {@code java -jar zmq4j-bench/target/zmq4j-bench.jar jmh 'SocketPath.*' -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SocketPathWireBenchmark {
    /** A socket bound to 127.0.0.1 and a raw peer connected to it. */
    @State(Scope.Benchmark)
    public abstract static class Wire {
        @Param({"bytes", "message"})
        public String api;

        Context context;
        Socket socket;
        RawZmtpPeer peer;
        final byte[] payload = new byte[SocketPathPushPullBenchmark.SIZE];
        Message message = Message.of(payload);

        String bind(SocketType type) {
            context = new Context();
            socket = context.socket(type);
            socket.set(Option.LINGER, Duration.ZERO);
            return socket.bind("tcp://127.0.0.1:*");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            peer.close();
            socket.close();
            context.close();
        }
    }

    /** PUSH → raw sink. */
    public static class ToSink extends Wire {
        @Setup(Level.Trial)
        public void setUp() {
            peer = RawZmtpPeer.startSink(bind(SocketType.PUSH));
        }
    }

    /** Raw source → PULL. */
    public static class FromSource extends Wire {
        @Setup(Level.Trial)
        public void setUp() {
            peer = RawZmtpPeer.startSource(bind(SocketType.PULL), SocketPathPushPullBenchmark.SIZE);
        }
    }

    /** One message sent by PUSH (user thread + PUSH's I/O thread). */
    @Benchmark
    public boolean send(ToSink s) {
        return s.api.equals("bytes") ? s.socket.send(s.payload) : s.socket.send(s.message);
    }

    /** One message received by PULL (PULL's I/O thread + user thread). */
    @Benchmark
    public Object receive(FromSource s) {
        return s.api.equals("bytes") ? s.socket.receiveBytes() : s.socket.receive();
    }
}
