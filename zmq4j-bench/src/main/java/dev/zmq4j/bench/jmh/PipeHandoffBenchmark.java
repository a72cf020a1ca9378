package dev.zmq4j.bench.jmh;

import dev.zmq4j.pipe.Pipe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The socket↔I/O hand-off through a {@link Pipe}: one thread offers single-frame messages as a
 * sending socket does, another drains them as a connection does (with its wake-up bookkeeping).
 * Scores are offers and polls per microsecond; failed offers (at HWM) are not counted.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PipeHandoffBenchmark {
    private static final byte[] MESSAGE = new byte[64];
    private Pipe pipe;

    @Setup
    public void setUp() {
        pipe = new Pipe(new Pipe.Owner() {
            @Override
            public void pipeReadable(Pipe p) {
            }

            @Override
            public void pipeWritable(Pipe p) {
            }
        }, 1000, 1000);
        pipe.attach(new Pipe.Connection() {
            @Override
            public void wakeWriter() {
            }

            @Override
            public void resumeReading() {
            }

            @Override
            public boolean hasUnflushedWrites() {
                return false;
            }
        });
    }

    /** The sending socket's side. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public boolean offer() {
        return pipe.offerOut(MESSAGE);
    }

    /** The connection's side: poll, and go idle when empty as the drain loop does. */
    @Benchmark
    @Group("handoff")
    @GroupThreads(1)
    public Object poll() {
        Object m = pipe.pollOut();
        if (m == null) {
            pipe.writerIdle();
        }
        return m;
    }
}
