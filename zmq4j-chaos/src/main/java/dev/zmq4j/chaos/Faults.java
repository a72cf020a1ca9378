package dev.zmq4j.chaos;

/**
 * The faults a {@link ChaosRelay} applies now, read by every connection's pumps: written by the
 * test's thread, read by the relay's, so every field is volatile.
 */
final class Faults {
    volatile long latencyNanos;
    volatile long bytesPerSecond;
    volatile boolean down;
    volatile boolean halfOpen;
    /** Random corruption for connections made later, per direction: seed and probability per byte. */
    private final long[] randomSeed = new long[2];
    private final double[] randomPerByte = new double[2];

    synchronized void random(ChaosRelay.Direction d, long seed, double perByte) {
        if (perByte < 0 || perByte > 1) {
            throw new IllegalArgumentException("perByte: " + perByte + " (expected: 0..1)");
        }
        randomSeed[d.ordinal()] = seed;
        randomPerByte[d.ordinal()] = perByte;
    }

    synchronized long randomSeed(ChaosRelay.Direction d) {
        return randomSeed[d.ordinal()];
    }

    synchronized double randomPerByte(ChaosRelay.Direction d) {
        return randomPerByte[d.ordinal()];
    }
}
