package dev.zmq4j.cli;

import dev.zmq4j.Socket;
import org.HdrHistogram.Histogram;

/**
 * The loops of the latency tools, shared by their timed runs and by their warm-up ({@link Warmup}):
 * the timed run then enters code that the warm-up has had compiled, instead of starting its own
 * loop in the interpreter and waiting for the compiler to replace it in the middle of the run.
 */
final class RoundTripLoops {
    private RoundTripLoops() {
    }

    /**
     * Makes {@code count} round trips on {@code req}, each sending {@code message} and recording
     * the time until the reply into {@code roundTrips} (and {@code slow}, if not {@code null}).
     *
     * @return the nanoseconds from the first send to the last reply; or, if a reply was not of
     *         {@code message}'s size, a negative number that {@link #replySize} turns into that size
     */
    static long request(Socket req, byte[] message, int count, Histogram roundTrips, SlowRoundTrips slow) {
        long start = System.nanoTime();
        long t0 = start;
        for (int i = 0; i < count; i++) {
            req.send(message);
            byte[] reply = req.receiveBytes();
            long t1 = System.nanoTime();
            if (reply.length != message.length) {
                return -1L - reply.length;
            }
            roundTrips.recordValue(t1 - t0);
            if (slow != null) {
                slow.record(i, t0, t1);
            }
            t0 = t1;
        }
        return t0 - start;
    }

    /** The size of the wrong reply that a negative result of {@link #request} stands for. */
    static int replySize(long requestResult) {
        return (int) (-1 - requestResult);
    }

    /**
     * Echoes {@code count} requests of {@code size} bytes on {@code rep}.
     *
     * @return -1; or the size of the first request of another size, which is left unanswered
     */
    static int echo(Socket rep, int size, int count) {
        for (int i = 0; i < count; i++) {
            byte[] m = rep.receiveBytes();
            if (m.length != size) {
                return m.length;
            }
            rep.send(m);
        }
        return -1;
    }
}
