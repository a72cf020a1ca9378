package dev.zmq4j.session;

import dev.zmq4j.concurrent.LincheckBudget;
import dev.zmq4j.pipe.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edge-triggered wake-ups between a socket and its connection's I/O thread, model-checked by
 * Lincheck over the real {@link Pipe} and {@link SessionOutput}: every interleaving of the two
 * threads that Lincheck explores (under sequential consistency) must deliver every message once
 * and in order, and must never leave a thread waiting for a wake-up that was lost (that shows as
 * a livelock, which Lincheck reports).
 *
 * <p>The I/O thread's executor is modelled as a count of scheduled tasks ({@code wakeWriter}
 * schedules a drain, {@code resumeReading} a resume), so a wake-up is observable whatever
 * Lincheck does with {@code park}. Threads that would park spin instead: a spin that cannot end
 * is a lost wake-up.
 */
@Timeout(300)
class PipeWakeUpLincheckTest {
    private static final int MESSAGES = 3;

    /** The connection side, as seen by the pipe: each wake-up schedules one task. */
    static final class ModelConnection implements Pipe.Connection {
        final AtomicInteger drainTasks = new AtomicInteger();
        final AtomicInteger resumeTasks = new AtomicInteger();

        @Override
        public void wakeWriter() {
            drainTasks.incrementAndGet();
        }

        @Override
        public void resumeReading() {
            resumeTasks.incrementAndGet();
        }

        @Override
        public boolean hasUnflushedWrites() {
            return false;
        }
    }

    /**
     * The socket offers (spinning at SNDHWM 1, where it would park until told of room) while the
     * I/O thread runs each drain task the pipe schedules: the socket's offer and the drain's
     * {@code writerIdle} race on the edge, and no message may stay behind.
     */
    @Test
    void everyMessageOfferedIsDrainedOnceInOrder() {
        Lincheck.runConcurrentTest(LincheckBudget.times(100), () -> {
            Pipe pipe = new Pipe(new NoOwner(), 1, 0);
            ModelConnection connection = new ModelConnection();
            BodiesFraming wire = new BodiesFraming();
            SessionOutput output = new SessionOutput(wire);
            pipe.attach(connection);
            AtomicBoolean allOffered = new AtomicBoolean();
            Thread socket = new Thread(() -> {
                for (int i = 0; i < MESSAGES;) {
                    if (pipe.offerOut(new byte[] {(byte) (10 + i)})) {
                        i++;
                    }
                }
                allOffered.set(true);
            });
            Thread io = new Thread(() -> {
                for (;;) {
                    if (connection.drainTasks.get() > 0) {
                        connection.drainTasks.decrementAndGet();
                        output.drain(pipe);
                    } else if (allOffered.get() && connection.drainTasks.get() == 0) {
                        return;
                    }
                }
            });
            socket.start();
            io.start();
            join(socket);
            join(io);
            check(wire.bodies.size() == MESSAGES, "drained " + wire.bodies.size() + " of " + MESSAGES);
            for (int i = 0; i < MESSAGES; i++) {
                check(wire.bodies.get(i)[0] == 10 + i, "message " + i + " out of order");
            }
            check(pipe.outSize() == 0, "left in the pipe: " + pipe.outSize());
            check(pipe.messagesOut() == MESSAGES, "counted out: " + pipe.messagesOut());
        });
    }

    /**
     * The I/O thread offers inbound messages at RCVHWM 2, pauses when the queue is full and waits
     * for a resume task; the socket takes messages and, when it finds none, calls
     * {@code maybeResume} as it does before parking, but only while its count of paused pipes
     * (kept from {@code pipeReadPaused}) is above 0, as a socket with thousands of pipes does. The
     * pause and the drain race on the edge: the connection must always be resumed, and the count
     * must end at 0 without going below.
     */
    @Test
    void aConnectionPausedAtRcvhwmIsAlwaysResumed() {
        Lincheck.runConcurrentTest(LincheckBudget.times(100), () -> {
            int messages = 4;
            PauseCountingOwner owner = new PauseCountingOwner();
            Pipe pipe = new Pipe(owner, 0, 2);
            ModelConnection connection = new ModelConnection();
            pipe.attach(connection);
            List<Object> received = new ArrayList<>();
            Thread io = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    byte[] m = {(byte) (10 + i)};
                    while (!pipe.offerIn(m)) {
                        if (pipe.pauseReading()) {
                            continue;
                        }
                        while (connection.resumeTasks.get() == 0) {
                            Thread.onSpinWait();
                        }
                        connection.resumeTasks.decrementAndGet();
                    }
                }
            });
            Thread socket = new Thread(() -> {
                while (received.size() < messages) {
                    Object m = pipe.pollIn();
                    if (m != null) {
                        received.add(m);
                    } else if (owner.paused.get() > 0) {
                        pipe.maybeResume();
                    }
                }
            });
            io.start();
            socket.start();
            join(io);
            join(socket);
            for (int i = 0; i < messages; i++) {
                check(((byte[]) received.get(i))[0] == 10 + i, "message " + i + " out of order");
            }
            check(!pipe.hasIn(), "left in the pipe");
            check(owner.paused.get() == 0 && owner.lowest.get() == 0,
                    "paused count " + owner.paused.get() + ", lowest " + owner.lowest.get());
        });
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    static final class NoOwner implements Pipe.Owner {
        @Override
        public void pipeReadable(Pipe pipe) {
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }
    }

    /** Counts the pipe's pauses as a socket's census does, and the lowest the count went. */
    static final class PauseCountingOwner implements Pipe.Owner {
        final AtomicInteger paused = new AtomicInteger();
        final AtomicInteger lowest = new AtomicInteger();

        @Override
        public void pipeReadable(Pipe pipe) {
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }

        @Override
        public void pipeReadPaused(Pipe pipe, boolean isPaused) {
            int now = isPaused ? paused.incrementAndGet() : paused.decrementAndGet();
            lowest.accumulateAndGet(now, Math::min);
        }
    }

    /** A framing that keeps the bodies written, always writable. */
    static final class BodiesFraming extends WritingFraming {
        final List<byte[]> bodies = new ArrayList<>();

        @Override
        public void write(int flags, byte[] body) {
            bodies.add(body);
        }
    }
}
