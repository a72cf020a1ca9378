package dev.zmq4j.bench.jmh;

import dev.zmq4j.zmtp.FrameDecoder;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The ZMTP frame codec alone: decoding a 64 KiB read of back-to-back frames (what one socket
 * read hands the decoder), and encoding frame headers. Reported per frame.
 *
 * <p>Run: {@code java -cp zmq4j-bench/target/zmq4j-bench.jar org.openjdk.jmh.Main FrameCodec -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    static final int READ_BYTES = 64 * 1024;

    @Param({"64", "1024"})
    int size;

    private ByteBuffer read;
    private int frames;
    private FrameDecoder decoder;
    private final byte[] header = new byte[FrameFlags.MAX_HEADER_SIZE];

    @Setup
    public void setUp() {
        int frameBytes = FrameFlags.headerSize(size) + size;
        frames = READ_BYTES / frameBytes;
        read = ByteBuffer.allocateDirect(frames * frameBytes);
        byte[] body = new byte[size];
        for (int i = 0; i < frames; i++) {
            int n = FrameFlags.writeHeader(header, 0, 0, size);
            read.put(header, 0, n).put(body);
        }
        read.flip();
        decoder = new FrameDecoder(-1, 1 << 20);
    }

    /** Decodes one read's worth of frames; the score divided by frames per read is per frame. */
    @Benchmark
    @OperationsPerInvocation(1)
    public void decodeRead(Blackhole bh) throws ProtocolException {
        ByteBuffer in = read.duplicate();
        decoder.decode(in, (flags, body) -> {
            bh.consume(body);
            return true;
        });
    }

    /** Encodes one frame header. */
    @Benchmark
    public int encodeHeader() {
        return FrameFlags.writeHeader(header, 0, FrameFlags.MORE, size);
    }
}
