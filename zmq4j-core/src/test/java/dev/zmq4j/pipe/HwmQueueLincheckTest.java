package dev.zmq4j.pipe;

import dev.zmq4j.concurrent.LincheckBudget;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HwmQueue} is linearizable as a FIFO queue of at most HWM messages with one producer and
 * one consumer (Lincheck: every concurrent history explored must match some sequential order of
 * the same operations on the queue). So no message is lost, duplicated or reordered, and an offer
 * fails exactly when HWM messages are queued, whatever the interleaving. Operations of one side
 * are never run in parallel ({@code nonParallelGroup}), as the pipe's locks guarantee.
 *
 * <p>Each nested class is one kind of queue: bounded (HWM 2: the JCTools array is 4, so the limit is
 * HwmQueue's own), unbounded, in-process (its limit raised by {@code combine} from any thread),
 * and conflating (CONFLATE: keeps the last message).
 */
@Timeout(300)
public class HwmQueueLincheckTest {
    static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(LincheckBudget.times(3))
                .invocationsPerIteration(LincheckBudget.times(100))
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1);
    }

    static StressOptions stress() {
        return new StressOptions()
                .iterations(LincheckBudget.times(3))
                .invocationsPerIteration(LincheckBudget.times(300))
                .threads(2)
                .actorsPerThread(4);
    }

    /** HWM 2 over a JCTools array of 4. */
    public static class Bounded {
        private final HwmQueue queue = new HwmQueue(2);

        @Operation(nonParallelGroup = "producer")
        public boolean offer(int message) {
            return queue.offer(message);
        }

        @Operation(nonParallelGroup = "consumer")
        public Object poll() {
            return queue.poll();
        }

        @Operation(nonParallelGroup = "consumer")
        public int size() {
            return queue.size();
        }
    }

    /** No HWM: every offer succeeds. */
    public static class Unbounded {
        private final HwmQueue queue = new HwmQueue(0);

        @Operation(nonParallelGroup = "producer")
        public boolean offer(int message) {
            return queue.offer(message);
        }

        @Operation(nonParallelGroup = "consumer")
        public Object poll() {
            return queue.poll();
        }
    }

    /** In-process: limit 1 until the peer's HWM (1) is combined in, from a third party. */
    public static class Adjustable {
        private final HwmQueue queue = HwmQueue.adjustable(1);

        @Operation(nonParallelGroup = "producer")
        public boolean offer(int message) {
            return queue.offer(message);
        }

        @Operation(nonParallelGroup = "consumer")
        public Object poll() {
            return queue.poll();
        }

        @Operation(runOnce = true)
        public void combine() {
            queue.combine(1);
        }
    }

    /** CONFLATE: an offer always succeeds and replaces what was not taken. */
    public static class Conflating {
        private final HwmQueue queue = HwmQueue.conflating();

        @Operation(nonParallelGroup = "producer")
        public boolean offer(int message) {
            return queue.offer(message);
        }

        @Operation(nonParallelGroup = "consumer")
        public Object poll() {
            return queue.poll();
        }
    }

    @Test
    void boundedModelChecking() {
        modelChecking().check(Bounded.class);
    }

    @Test
    void boundedStress() {
        stress().check(Bounded.class);
    }

    @Test
    void unboundedModelChecking() {
        modelChecking().check(Unbounded.class);
    }

    @Test
    void adjustableModelChecking() {
        modelChecking().check(Adjustable.class);
    }

    @Test
    void conflatingModelChecking() {
        modelChecking().check(Conflating.class);
    }
}
