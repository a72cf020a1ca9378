package dev.zmq4j.pipe;

import dev.zmq4j.concurrent.LincheckBudget;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message that a sender queues just as the I/O thread ends the pipe ({@link Pipe#terminate}
 * then {@link Pipe#abandonOut}, which counts what the outbound queue still holds) is counted
 * once: by that count if it was there in time, else by the sender as dropped. Lincheck explores
 * the interleavings of a sender offering three messages and the I/O thread's two steps; in each,
 * the messages accepted equal those counted lost (the queue's remainder plus the drops).
 */
@Timeout(300)
class AbandonedOutCountLincheckTest {
    /** Counts the drops reported, as the socket's telemetry does. */
    private static final class Owner implements Pipe.Owner {
        volatile int dropped;

        @Override
        public void pipeReadable(Pipe pipe) {
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }

        @Override
        public synchronized void pipeDropped(Pipe pipe) {
            dropped++;
        }
    }

    @Test
    void aMessageQueuedAsThePipeEndsIsCountedOnce() {
        Lincheck.runConcurrentTest(LincheckBudget.times(200), () -> {
            Owner owner = new Owner();
            Pipe pipe = new Pipe(owner, 10, 10);
            int[] accepted = new int[1];
            long[] abandoned = new long[1];
            Thread sender = new Thread(() -> {
                for (int i = 0; i < 3; i++) {
                    if (pipe.offerOut(new byte[] {(byte) i})) {
                        accepted[0]++;
                    }
                }
            });
            Thread io = new Thread(() -> {
                pipe.terminate();
                abandoned[0] = pipe.abandonOut();
            });
            sender.start();
            io.start();
            join(sender);
            join(io);
            long counted = abandoned[0] + owner.dropped;
            if (counted != accepted[0]) {
                throw new AssertionError(accepted[0] + " accepted, " + abandoned[0] + " counted in the queue and "
                        + owner.dropped + " dropped");
            }
        });
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
