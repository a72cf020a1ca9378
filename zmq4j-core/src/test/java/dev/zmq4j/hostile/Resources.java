package dev.zmq4j.hostile;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What this process holds now: heap, direct memory, threads, file descriptors (the last two from
 * /proc). Reads the runtime rather than java.management, which the test module does not read.
 */
final class Resources {
    private Resources() {
    }

    /** Heap in use after two full collections. */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return heapUsed();
    }

    /** Heap in use now, garbage included. */
    static long heapUsed() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * Direct memory in use: what Netty's default allocator holds (its arenas' chunks, pooled or
     * adaptive) plus Netty's count of the direct memory it allocated itself, where it keeps one.
     */
    static long directUsed() {
        long allocator = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
                ? p.metric().usedDirectMemory() : 0;
        return allocator + Math.max(0, PlatformDependent.usedDirectMemory());
    }

    /** Threads of the process (the JVM's own included, from /proc), or the live Java threads without /proc. */
    static int threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc: fall through.
        }
        return Thread.activeCount();
    }

    /** Open file descriptors (entries of /proc/self/fd), or -1 without /proc. */
    static int fileDescriptors() {
        String[] names = new File("/proc/self/fd").list();
        return names == null ? -1 : names.length;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
