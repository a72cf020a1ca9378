package dev.zmq4j.pattern;

/** The turn order of round-robin over pipes (LoadBalancer out, FairQueue in). */
final class RoundRobin {
    private RoundRobin() {
    }

    /**
     * The index of the {@code i}-th pipe of a round-robin turn that starts at {@code next}
     * (which may be past the end after pipes left), among {@code n} pipes.
     */
    static int turn(int next, int i, int n) {
        int idx = next + i;
        if (idx >= n) {
            idx -= n;
            if (idx >= n) {
                idx %= n;
            }
        }
        return idx;
    }
}
