package dev.zmq4j.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the scale tools report about their own process: resident memory (VmRSS from
 * {@code /proc/self/status}), heap in use after a full collection, threads and open file
 * descriptors. On a system without {@code /proc} the figures that need it are -1.
 *
 * @param rssKiB      resident set size in KiB, or -1
 * @param heapBytes   heap used after {@link System#gc()}, in bytes
 * @param threads     threads of the process (from /proc), or -1
 * @param openFiles   open file descriptors (entries of /proc/self/fd), or -1
 */
record ProcessStats(long rssKiB, long heapBytes, long threads, long openFiles) {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path FDS = Path.of("/proc/self/fd");

    /** Collects garbage (twice, so that objects with finalizers or cleaners go too), then samples. */
    static ProcessStats sample() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessStats(statusField("VmRSS:"), heap, statusField("Threads:"), countOpenFiles());
    }

    /** Samples without collecting garbage: heap in use, garbage included. */
    static ProcessStats now() {
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessStats(statusField("VmRSS:"), heap, statusField("Threads:"), countOpenFiles());
    }

    /**
     * CPU time this process has used so far, all threads (I/O, compiler, collector) included, in
     * nanoseconds; -1 if the JVM cannot tell.
     */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Bytes per connection between {@code before} and this sample, from KiB of RSS. */
    long rssBytesPerConnection(ProcessStats before, int connections) {
        if (rssKiB < 0 || before.rssKiB < 0) {
            return -1;
        }
        return (rssKiB - before.rssKiB) * 1024 / connections;
    }

    /** Heap bytes per connection between {@code before} and this sample. */
    long heapBytesPerConnection(ProcessStats before, int connections) {
        return (heapBytes - before.heapBytes) / connections;
    }

    /** The number in a {@code /proc/self/status} line such as {@code "VmRSS:   123 kB"}, or -1. */
    private static long statusField(String name) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long countOpenFiles() {
        long n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FDS)) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        // Less the descriptor of the directory stream itself.
        return n - 1;
    }
}
