package dev.zmq4j.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promise 5: after contexts and sockets are closed, threads, file descriptors, direct and heap memory
 * are back to their baseline. Each cycle creates a context, binds a REP and a PULL, connects a REQ and
 * a PUSH, makes a round trip and sends a message, and closes everything, over one transport.
 *
 * <p>{@code -Dzmq4j.leak.cycles=N} sets the cycles per transport (default {@value #DEFAULT_CYCLES};
 * the 10,000 is documented in docs/RELIABILITY.md).
 */
@Timeout(1800)
class ResourceReturnTest {
    static final int DEFAULT_CYCLES = 300;
    private static final int WARM_UP = 30;
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Direct memory Netty's pooled arenas may keep between cycles (chunks are cached, not leaked). */
    private static final long DIRECT_TOLERANCE = 16L << 20;
    private static final long HEAP_TOLERANCE = 16L << 20;

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void everyCycleOfContextAndSocketsReturnsWhatItTook(String transport) {
        int cycles = Integer.getInteger("zmq4j.leak.cycles", DEFAULT_CYCLES);
        // Another test class may have left a context open: its I/O threads are not ours to count.
        long ioBefore = ioThreads();
        for (int i = 0; i < WARM_UP; i++) {
            cycle(transport, i);
        }
        awaitIoThreads(ioBefore);
        int threads = Resources.threads();
        int fds = Resources.fileDescriptors();
        long direct = Resources.directUsed();
        long heap = Resources.heapAfterGc();

        long start = System.nanoTime();
        int maxThreads = threads;
        for (int i = 0; i < cycles; i++) {
            cycle(transport, WARM_UP + i);
            if (i % 50 == 0) {
                maxThreads = Math.max(maxThreads, Resources.threads());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        awaitIoThreads(ioBefore);
        Await.until(() -> Resources.threads() <= threads, WAIT,
                () -> Resources.threads() + " threads (expected: <= " + threads + ")");
        Await.until(() -> Resources.fileDescriptors() <= fds, WAIT,
                () -> Resources.fileDescriptors() + " file descriptors (expected: <= " + fds + ")");
        long directAfter = Resources.directUsed();
        long heapAfter = Resources.heapAfterGc();
        System.out.printf(Locale.ROOT, "resources: %d cycles over %s in %d ms (%.1f ms each): threads %d -> %d (max sampled %d),"
                + " fds %d -> %d, direct %s -> %s, heap after GC %s -> %s%n",
                cycles, transport, millis, (double) millis / cycles, threads, Resources.threads(), maxThreads, fds,
                Resources.fileDescriptors(), Resources.mib(direct), Resources.mib(directAfter), Resources.mib(heap),
                Resources.mib(heapAfter));
        assertThat(directAfter - direct).as("direct memory left after %d cycles", cycles).isLessThan(DIRECT_TOLERANCE);
        assertThat(heapAfter - heap).as("heap left after %d cycles", cycles).isLessThan(HEAP_TOLERANCE);
    }

    private static void cycle(String transport, int i) {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ);
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            req.connect(rep.bind(endpoint(transport, "rr", i)));
            push.connect(pull.bind(endpoint(transport, "pp", i)));
            assertThat(req.send("request " + i, WAIT)).isTrue();
            Message request = rep.receive(WAIT);
            assertThat(request).as("request %d over %s", i, transport).isNotNull();
            assertThat(rep.send(request, WAIT)).isTrue();
            assertThat(req.receive(WAIT)).as("reply %d over %s", i, transport).isNotNull();
            assertThat(push.send("pushed " + i, WAIT)).isTrue();
            assertThat(pull.receive(WAIT)).as("pushed %d over %s", i, transport).isNotNull();
        }
    }

    private static String endpoint(String transport, String name, int i) {
        return switch (transport) {
            case "tcp" -> "tcp://127.0.0.1:*";
            case "ipc" -> "ipc://*";
            default -> "inproc://cycle-" + name + "-" + i;
        };
    }

    private static long ioThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("zmq4j-io")).count();
    }

    /** Context.close stops its I/O threads within a bounded time; wait until they are gone. */
    private static void awaitIoThreads(long expected) {
        Await.until(() -> ioThreads() <= expected, WAIT, () -> ioThreads() + " zmq4j I/O threads (expected: <= " + expected + ")");
    }
}
