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

    /**
     * Where a turn resumes once the pipes changed (a peer came or went): just after {@code last},
     * the pipe served last, if it is still there; else at the place it had, where the pipe that
     * followed it now is ({@code next} was its index plus one). As libzmq's load balancer and fair
     * queue do, so that a peer leaving does not make the turn skip the one after it.
     */
    static int resume(Object[] now, Object last, int next) {
        if (last == null) {
            return next;
        }
        for (int i = 0; i < now.length; i++) {
            if (now[i] == last) {
                return i + 1;
            }
        }
        return Math.max(0, next - 1);
    }
}
