package dev.zmq4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the two scale tools ({@code router-srv}, {@code dealer-clients}) share: argument checks,
 * the message kinds of their small protocol, and their output lines (the same as
 * {@code bench/c/zscale.c} prints, so that {@code bench/scale.sh} parses one format).
 *
 * <p>The protocol. Every message a DEALER sends is one frame whose first byte says what it is;
 * the ROUTER answers each one on the same connection:
 * <ul>
 *   <li>{@code 'H'} hello, {@code <size>} bytes: the first message of each DEALER, sent right after
 *       connect(); echoed. Once every client's hello has arrived the server samples its memory.</li>
 *   <li>{@code 'R'} ready, then {@code <clients>/<active>} of that process in ASCII: a client
 *       process whose DEALERs are all connected (and which has sampled its own memory) sends it on
 *       one of them; the server holds the ready messages until their client counts add up to
 *       {@code <clients>}, then answers each with {@code 'G'} (go). This lines up the throughput
 *       phase of several client processes, keeps it clear of the server's own sampling (a full
 *       GC), and tells the server how many round trips to expect: {@code <requests>} per active
 *       DEALER.</li>
 *   <li>{@code 'Q'} request, {@code <size>} bytes: echoed, as a reply of the same size.</li>
 *   <li>After the last reply the server answers each ready message again with {@code 'D'} (done):
 *       a client process waits for it before closing its DEALERs, so that no connection goes away
 *       while another process still measures.</li>
 * </ul>
 *
 * <p>Active DEALERs make the round trips; the others only stay connected. With few active ones
 * among many idle ones the figures show what idle peers cost the ROUTER per message.
 */
abstract class ScaleTool implements Callable<Integer> {
    static final byte HELLO = 'H';
    static final byte READY = 'R';
    static final byte GO = 'G';
    static final byte REQUEST = 'Q';
    static final byte DONE = 'D';

    @Spec
    CommandSpec spec;

    /** CURVE or PLAIN, as {@code --curve-*}/{@code --plain-*} say; NULL without them. */
    @Mixin
    SecurityOptions security;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    final void checkAtLeast(String name, long value, long least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), name + ": " + value + " (expected: >= " + least + ")");
        }
    }

    /** Prints the memory, thread and file lines of a process that holds {@code connections} connections. */
    final void printMemory(ProcessStats before, ProcessStats connected, int connections) {
        PrintWriter out = out();
        out.println("rss before: " + before.rssKiB() + " [kB]");
        out.println("rss connected: " + connected.rssKiB() + " [kB]");
        out.println("rss per connection: " + connected.rssBytesPerConnection(before, connections) + " [B]");
        out.println("heap per connection: " + connected.heapBytesPerConnection(before, connections) + " [B]");
        out.println("threads: " + connected.threads());
        out.println("open files: " + connected.openFiles());
        out.flush();
    }

    /**
     * Prints the throughput lines: round trips per second, and the process's CPU time per round trip
     * (all threads), which depends less than the rate on what else the machine is running.
     */
    final void printThroughput(long roundTrips, long elapsedNanos, long cpuNanos) {
        long perSecond = (long) (roundTrips * 1e9 / Math.max(1, elapsedNanos));
        PrintWriter out = out();
        out.println("roundtrip count: " + roundTrips);
        out.println("throughput: " + perSecond + " [roundtrips/s]");
        String cpu = cpuNanos < 0 ? "-1" : roundTrips == 0 ? "0.000" : PerfTool.decimal3(cpuNanos / 1e3 / roundTrips);
        out.println("cpu per roundtrip: " + cpu + " [us]");
        out.flush();
    }

    /** Reports a protocol violation and returns the failing exit status. */
    final int fail(String message) {
        PrintWriter err = err();
        err.println(message);
        err.flush();
        return 1;
    }
}
