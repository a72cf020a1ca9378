package dev.zmq4j.chaos;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.NavigableSet;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One direction of a {@link ChaosLink}: a reader thread that reads chunks, corrupts them as asked
 * and cuts the stream where a reset is due, and a writer thread that holds each chunk back for the
 * latency and paces it to the bandwidth. The queue between them is bounded, so a slow writer
 * slows the reader and tcp's own back-pressure reaches the sender. Thread-safe.
 */
final class ChaosPump {
    private static final int CHUNK = 16 * 1024;
    private static final long POLL_MILLIS = 50;
    private static final Chunk END = new Chunk(new byte[0], 0, false);

    /** Bytes read together, when they may leave, and whether the link resets after them. */
    private record Chunk(byte[] data, long dueNanos, boolean reset) {
    }

    private final ChaosLink link;
    private final ChaosRelay.Direction direction;
    private final SocketChannel from;
    private final SocketChannel to;
    private final Faults faults;
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(64);
    private final NavigableSet<Long> corruptOffsets = new TreeSet<>();
    private Random random;
    private double perByte;
    private volatile long bytesRead;
    private volatile long resetAt = -1;
    /** Writer thread: when the bandwidth lets the next byte go. */
    private long nextFreeNanos;

    ChaosPump(ChaosLink link, ChaosRelay.Direction direction, SocketChannel from, SocketChannel to, Faults faults) {
        this.link = link;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.faults = faults;
        double p = faults.randomPerByte(direction);
        if (p > 0) {
            corruptRandomly(faults.randomSeed(direction) + link.index(), p);
        }
    }

    void start() {
        daemon(this::read, "chaos-relay-read-" + direction);
        daemon(this::write, "chaos-relay-write-" + direction);
    }

    private static void daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    synchronized void corruptAt(long[] offsets) {
        for (long o : offsets) {
            corruptOffsets.add(o);
        }
    }

    synchronized void corruptRandomly(long seed, double probability) {
        random = probability > 0 ? new Random(seed) : null;
        perByte = probability;
    }

    void resetAfter(long bytes) {
        resetAt = bytesRead + bytes;
    }

    long bytesRead() {
        return bytesRead;
    }

    private void read() {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try {
            for (;;) {
                buf.clear();
                int n = from.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                byte[] data = Arrays.copyOf(buf.array(), n);
                long start = bytesRead;
                corrupt(data, start);
                long r = resetAt;
                bytesRead = start + n;
                if (r >= 0 && r <= start + n) {
                    int keep = (int) Math.max(0, r - start);
                    enqueue(new Chunk(Arrays.copyOf(data, keep), due(), true));
                    return;
                }
                if (faults.halfOpen) {
                    continue;
                }
                if (!enqueue(new Chunk(data, due(), false))) {
                    return;
                }
            }
        } catch (IOException e) {
            // this side went away (or the link was closed): fall through
        }
        if (faults.halfOpen && !link.isClosed()) {
            // A vanished network says nothing, not even that a side closed.
            return;
        }
        enqueue(END);
    }

    private long due() {
        return System.nanoTime() + faults.latencyNanos;
    }

    private synchronized void corrupt(byte[] data, long start) {
        long end = start + data.length;
        if (!corruptOffsets.isEmpty()) {
            for (long o : corruptOffsets.subSet(start, end)) {
                data[(int) (o - start)] ^= 0x01;
            }
            corruptOffsets.headSet(end).clear();
        }
        if (random != null) {
            for (int i = 0; i < data.length; i++) {
                if (random.nextDouble() < perByte) {
                    data[i] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
    }

    private boolean enqueue(Chunk c) {
        try {
            while (!link.isClosed()) {
                if (queue.offer(c, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void write() {
        nextFreeNanos = System.nanoTime();
        try {
            while (!link.isClosed()) {
                Chunk c = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (c == null) {
                    continue;
                }
                if (c == END) {
                    link.close();
                    return;
                }
                parkUntil(c.dueNanos());
                if (faults.halfOpen && !c.reset()) {
                    continue;
                }
                send(c.data());
                if (c.reset()) {
                    link.reset();
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            link.close();
        }
    }

    /** Writes {@code data}, in slices of 10 ms each when the bandwidth is capped. */
    private void send(byte[] data) throws IOException {
        long bps = faults.bytesPerSecond;
        if (bps == 0) {
            writeFully(data, 0, data.length);
            return;
        }
        int slice = (int) Math.max(1, Math.min(data.length, bps / 100));
        for (int off = 0; off < data.length; off += slice) {
            int k = Math.min(slice, data.length - off);
            nextFreeNanos = Math.max(nextFreeNanos, System.nanoTime()) + k * 1_000_000_000L / bps;
            writeFully(data, off, k);
            parkUntil(nextFreeNanos);
        }
    }

    private void writeFully(byte[] data, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data, off, len);
        while (b.hasRemaining()) {
            to.write(b);
        }
    }

    /** Waits for a fault's time to pass (latency, bandwidth), not for another thread. */
    private void parkUntil(long dueNanos) {
        for (long left; (left = dueNanos - System.nanoTime()) > 0 && !link.isClosed(); ) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
        }
    }
}
