package dev.zmq4j;

import dev.zmq4j.concurrent.LincheckBudget;
import dev.zmq4j.pipe.Pipe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-process "wake once" protocol, model-checked by Lincheck over the real {@link Waiters} and
 * an in-process {@link Pipe} pair: a sender blocked at the HWM and a receiver blocked on an empty
 * queue publish themselves, re-check, and park; the other side's send or receive takes the
 * published waiter out (compare-and-set to null) and unparks it. In every interleaving explored,
 * all messages arrive once and in order and neither thread is left parked with work to do.
 *
 * <p>Parking is modelled as waiting until the waker has taken this thread out of {@link Waiters}
 * (which, in once mode, is what precedes each unpark): a lost wake-up is then a wait that never
 * ends, which Lincheck reports as a livelock, whatever it does with {@code LockSupport.park}.
 * The loops are those of {@code Sender.await} and {@code Receiver.awaitSlowly}.
 */
@Timeout(300)
class WaitersLincheckTest {
    private static final VarHandle SEND_WAITER;
    private static final VarHandle RECV_WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Waiters.class, MethodHandles.lookup());
            SEND_WAITER = l.findVarHandle(Waiters.class, "sendWaiter", Thread.class);
            RECV_WAITER = l.findVarHandle(Waiters.class, "recvWaiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A socket's pipe owner reduced to what {@code Port} does for waiters. */
    static final class Owner implements Pipe.Owner {
        final Waiters waiters = new Waiters();

        @Override
        public void pipeReadable(Pipe pipe) {
            waiters.wakeReceiver(pipe.isInproc());
        }

        @Override
        public void pipeWritable(Pipe pipe) {
            waiters.wakeSender(pipe.isInproc());
        }
    }

    @Test
    void inprocSenderAndReceiverAreAlwaysWoken() {
        int messages = 3;
        Lincheck.runConcurrentTest(LincheckBudget.times(100), () -> {
            Owner sending = new Owner();
            Owner receiving = new Owner();
            // Limit: SNDHWM 1 + RCVHWM 1 = 2 queued, so the third send blocks until a receive.
            Pipe out = Pipe.inproc(sending, 1, 1);
            Pipe in = out.inprocPeer(receiving, 1, 1);
            List<Object> received = new ArrayList<>();
            Thread sender = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    byte[] m = {(byte) (10 + i)};
                    if (out.offerOut(m)) {
                        continue;
                    }
                    Thread me = Thread.currentThread();
                    for (;;) {
                        sending.waiters.sender(me);
                        if (out.offerOut(m)) {
                            break;
                        }
                        parkUntilTaken(SEND_WAITER, sending.waiters, me);
                    }
                    sending.waiters.sender(null);
                }
            });
            Thread receiver = new Thread(() -> {
                for (int i = 0; i < messages; i++) {
                    Object m = in.pollIn();
                    if (m == null) {
                        Thread me = Thread.currentThread();
                        for (;;) {
                            receiving.waiters.receiver(me);
                            m = in.pollIn();
                            if (m != null) {
                                break;
                            }
                            parkUntilTaken(RECV_WAITER, receiving.waiters, me);
                        }
                        receiving.waiters.receiver(null);
                    }
                    received.add(m);
                }
            });
            sender.start();
            receiver.start();
            join(sender);
            join(receiver);
            for (int i = 0; i < messages; i++) {
                if (((byte[]) received.get(i))[0] != 10 + i) {
                    throw new AssertionError("message " + i + " out of order");
                }
            }
            if (in.hasIn()) {
                throw new AssertionError("a message left in the pipe");
            }
        });
    }

    /** Parked until a waker takes {@code me} out of {@code waiters} (once mode: then it unparks). */
    private static void parkUntilTaken(VarHandle waiter, Waiters waiters, Thread me) {
        while (waiter.getVolatile(waiters) == me) {
            Thread.onSpinWait();
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
