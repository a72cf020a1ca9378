package dev.zmq4j.patterns;

import dev.zmq4j.Context;
import dev.zmq4j.Poller;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event loop that runs socket handlers and timers on one thread (czmq's {@code zloop},
 * JeroMQ's {@code ZLoop}).
 *
 * <pre>{@code
 * try (Reactor reactor = new Reactor(context)) {
 *     reactor.register(pull, socket -> { handle(socket.tryReceive()); return true; });
 *     Reactor.Timer heartbeat = reactor.every(Duration.ofSeconds(1), () -> sendHeartbeat());
 *     reactor.start();
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Handlers.</b> A {@link Handler} is called on the loop thread whenever its socket is
 * readable (a receive would return a message at once; see {@link Poller}). It should receive what
 * it wants with {@code tryReceive}; a socket left readable is dispatched again on the next turn.
 * It returns {@code true} to keep the loop running or {@code false} to end it (as zloop's
 * {@code -1}). <b>An exception</b> thrown by a handler or a timer is logged (SLF4J, WARN, with the
 * socket or timer) and the loop goes on, unless an {@link ErrorPolicy} set with {@link #onError}
 * says otherwise (for instance {@code reactor.onError((source, e) -> false)} ends the loop on the
 * first failure). A registered socket found closed is unregistered and logged.
 *
 * <p><b>Timers</b> ({@link #once}, {@link #every}) run on the loop thread, never before their
 * deadline, in deadline order; timers due at the same instant run in the order they were created.
 * A repeating timer's next deadline is its previous deadline plus the period (no drift), unless it
 * fell more than a period behind, in which case it is rescheduled a period from now.
 *
 * <p><b>Thread-safety:</b> every method may be called from any thread. Calls made from another
 * thread while the loop runs are queued and take effect on the loop thread, which is woken for
 * them (through an inproc PAIR pair owned by the reactor); calls made on the loop thread (from a
 * handler or timer) take effect at once. A socket given to {@link #register} must then be used
 * only by its handler.
 *
 * <p><b>Lifecycle:</b> {@link #run()} loops on the caller's thread, {@link #start()} on a new
 * thread (virtual on Java 21 and later). Either may be called once. {@link #close()} ends the loop
 * and waits at most {@link #CLOSE_WAIT} for the handler or timer then running to return; it never
 * closes the registered sockets.
 */
public final class Reactor implements AutoCloseable {
    /** The longest time {@link #close()} waits for the loop thread to finish. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(Reactor.class);
    private static final Duration WAKE_SETUP = Duration.ofSeconds(5);
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int CLOSED = 2;
    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Decides, on the loop thread, what a handler's or timer's exception does. */
    @FunctionalInterface
    public interface ErrorPolicy {
        /**
         * Decides whether the loop goes on after a failure.
         *
         * @param source  the {@link Socket} whose handler failed, or the {@link Timer}
         * @param failure what the handler or the timer's task threw
         * @return {@code true} to keep the loop running, {@code false} to end it
         */
        boolean keepRunning(Object source, Exception failure);
    }

    /** Called on the loop thread when its socket is readable. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Handles a readable socket.
         *
         * @param socket the readable socket; read it with {@code tryReceive()} until it returns {@code null}, or once
         * @return {@code true} to keep the loop running, {@code false} to end it
         * @throws Exception logged; the loop goes on
         */
        boolean handle(Socket socket) throws Exception;
    }

    /** A scheduled timer; thread-safe. */
    public static final class Timer {
        private final Runnable task;
        private final long periodNanos;
        private final long sequence;
        private long deadlineNanos;
        private volatile boolean cancelled;

        private Timer(Runnable task, long deadlineNanos, long periodNanos, long sequence) {
            this.task = task;
            this.deadlineNanos = deadlineNanos;
            this.periodNanos = periodNanos;
            this.sequence = sequence;
        }

        /**
         * Cancels the timer: it does not run again (a run already in progress on the loop thread
         * completes). Idempotent; may be called from any thread, also from the timer itself.
         */
        public void cancel() {
            cancelled = true;
        }

        /** {@return whether {@link #cancel()} was called} */
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public String toString() {
            return "Timer[" + (periodNanos > 0 ? "every " + Duration.ofNanos(periodNanos) : "once")
                    + (cancelled ? ", cancelled" : "") + ", " + task + "]";
        }
    }

    private final Poller poller = new Poller();
    private final Socket wakeReceiver;
    private final Socket wakeSender;
    private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final AtomicLong sequence = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final String name = "zmq4j-reactor-" + COUNT.incrementAndGet();
    private volatile Thread loopThread;
    private volatile ErrorPolicy errorPolicy;

    // Owned by the loop thread.
    private final Map<Socket, Handler> handlers = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.deadlineNanos - b.deadlineNanos, 0);
        return c != 0 ? c : Long.compare(a.sequence, b.sequence);
    });

    /**
     * Creates a reactor whose wake-up sockets live in {@code context} (closing the context ends
     * the loop).
     *
     * @param context the context of the sockets the reactor serves
     * @throws ZmqException.ContextClosedException if the context is closed
     */
    public Reactor(Context context) {
        String endpoint = "inproc://zmq4j.reactor." + UUID.randomUUID();
        wakeReceiver = context.socket(SocketType.PAIR);
        wakeSender = context.socket(SocketType.PAIR);
        try {
            wakeReceiver.bind(endpoint);
            wakeSender.connect(endpoint);
            // One round through the pair, so that later wake-ups cannot be refused for want of a peer.
            if (!wakeSender.send(new byte[0], WAKE_SETUP) || wakeReceiver.receive(WAKE_SETUP) == null) {
                throw new IllegalStateException("reactor: wake-up pair " + endpoint + " not connected within " + WAKE_SETUP);
            }
            poller.register(wakeReceiver, Poller.Event.READABLE);
        } catch (RuntimeException e) {
            wakeSender.close();
            wakeReceiver.close();
            throw e;
        }
    }

    /**
     * Registers {@code socket} with {@code handler}, or replaces its handler.
     *
     * @param socket  a socket of the reactor's context, to be read on the loop thread only from now on
     * @param handler called on the loop thread whenever the socket is readable
     * @throws IllegalArgumentException if {@code socket} is one of the reactor's own
     */
    public void register(Socket socket, Handler handler) {
        if (socket == null || handler == null) {
            throw new IllegalArgumentException("socket, handler: " + socket + ", " + handler + " (expected: non-null)");
        }
        if (socket == wakeReceiver || socket == wakeSender) {
            throw new IllegalArgumentException("socket: " + socket + " (expected: not the reactor's own)");
        }
        submit(() -> {
            if (socket.isClosed()) {
                log.warn("{}: socket {} closed before its registration took effect; ignored", name, socket);
                return;
            }
            handlers.put(socket, handler);
            poller.register(socket, Poller.Event.READABLE);
        });
    }

    /**
     * Unregisters {@code socket}; nothing happens if it is not registered. The socket stays open.
     *
     * @param socket the socket
     */
    public void unregister(Socket socket) {
        submit(() -> remove(socket));
    }

    /**
     * Runs {@code task} once on the loop thread, not before {@code delay} from now.
     *
     * @param delay how long from now; zero or negative for the next turn of the loop
     * @param task  the task
     * @return the timer, to cancel it
     */
    public Timer once(Duration delay, Runnable task) {
        return schedule(delay, 0, task);
    }

    /**
     * Runs {@code task} on the loop thread every {@code period}, the first time a period from now.
     *
     * @param period the time between two runs; positive
     * @param task   the task
     * @return the timer, to cancel it
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public Timer every(Duration period, Runnable task) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
        }
        return schedule(period, period.toNanos(), task);
    }

    private Timer schedule(Duration delay, long periodNanos, Runnable task) {
        if (task == null) {
            throw new IllegalArgumentException("task: null (expected: a Runnable)");
        }
        long delayNanos = Math.max(0, delay.toNanos());
        Timer timer = new Timer(task, System.nanoTime() + delayNanos, periodNanos, sequence.getAndIncrement());
        submit(() -> timers.add(timer));
        return timer;
    }

    /**
     * Sets what a handler's or timer's exception does (default: logged, the loop goes on); the
     * failure is logged at WARN either way. May be called at any time, from any thread.
     *
     * @param policy what a failure does to the loop
     */
    public void onError(ErrorPolicy policy) {
        this.errorPolicy = policy;
    }

    /**
     * Runs the loop on the calling thread until a handler returns {@code false}, {@link #close()}
     * is called, the thread is interrupted or the context is closed; then releases the reactor's
     * own sockets.
     *
     * @throws IllegalStateException if the loop already ran or runs, or the reactor is closed
     */
    public void run() {
        if (!state.compareAndSet(NEW, RUNNING)) {
            throw new IllegalStateException("reactor: " + stateName() + " (expected: never run nor closed)");
        }
        loopThread = Thread.currentThread();
        try {
            loop();
        } finally {
            state.set(CLOSED);
            release();
            loopThread = null;
            finished.countDown();
        }
    }

    /**
     * Runs the loop on a new thread: a virtual thread on Java 21 and later, otherwise a daemon
     * platform thread.
     *
     * @return the thread
     * @throws IllegalStateException if the loop already ran or runs, or the reactor is closed
     */
    public Thread start() {
        if (state.get() != NEW) {
            throw new IllegalStateException("reactor: " + stateName() + " (expected: never run nor closed)");
        }
        Runnable body = () -> {
            try {
                run();
            } catch (IllegalStateException e) {
                log.warn("{}: not started: {}", name, e.getMessage());
            }
        };
        return LoopThreads.start(body, name);
    }

    /** {@return whether the loop has ended or the reactor was closed} */
    public boolean isClosed() {
        return state.get() == CLOSED;
    }

    /**
     * Ends the loop and waits at most {@link #CLOSE_WAIT} for it to finish (not at all when called
     * on the loop thread, where the loop ends once the current handler or timer returns).
     * Registered sockets stay open. Idempotent.
     */
    @Override
    public void close() {
        int previous = state.getAndSet(CLOSED);
        if (previous == NEW) {
            release();
            finished.countDown();
            return;
        }
        if (previous == CLOSED && finished.getCount() == 0) {
            return;
        }
        wake();
        if (Thread.currentThread() == loopThread) {
            return;
        }
        try {
            if (!finished.await(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                log.warn("{}: loop thread still busy {} after close(); it ends when its handler returns", name, CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the loop ----

    private void loop() {
        while (state.get() == RUNNING) {
            applyChanges();
            long waitNanos = runDueTimers();
            if (state.get() != RUNNING) {
                return;
            }
            int ready;
            try {
                ready = poller.poll(waitNanos < 0 ? Duration.ofMillis(-1) : Duration.ofNanos(waitNanos));
            } catch (ZmqException.SocketClosedException e) {
                dropClosedSockets();
                continue;
            } catch (ZmqException.ContextClosedException e) {
                log.debug("{}: context closed; loop ends", name);
                return;
            } catch (ZmqException.InterruptedException e) {
                log.debug("{}: interrupted; loop ends", name);
                Thread.currentThread().interrupt();
                return;
            }
            if (ready > 0 && !dispatch()) {
                return;
            }
        }
    }

    /** Reports a handler's or timer's failure; {@code false} if the loop must end. */
    private boolean failed(Object source, Exception e) {
        ErrorPolicy policy = errorPolicy;
        boolean goOn = true;
        if (policy != null) {
            try {
                goOn = policy.keepRunning(source, e);
            } catch (RuntimeException p) {
                e.addSuppressed(p);
            }
        }
        log.warn("{}: {} failed; {}", name, source instanceof Timer ? source : "handler of " + source,
                goOn ? "the loop goes on" : "the loop ends", e);
        return goOn;
    }

    /** Calls the handlers of the ready sockets; {@code false} if one asked to end the loop. */
    private boolean dispatch() {
        for (Socket socket : poller.readySockets()) {
            if (socket == wakeReceiver) {
                while (wakeReceiver.tryReceive() != null) {
                    // drained: every queued change is applied on the next turn
                }
                wakePending.set(false);
                continue;
            }
            Handler handler = handlers.get(socket);
            if (handler == null || state.get() != RUNNING) {
                continue;
            }
            try {
                if (!handler.handle(socket)) {
                    log.debug("{}: handler of {} ended the loop", name, socket);
                    return false;
                }
            } catch (Exception e) {
                if (!failed(socket, e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Runs the due timers; returns the nanoseconds until the next one, or -1 if there is none. */
    private long runDueTimers() {
        for (;;) {
            Timer timer = timers.peek();
            if (timer == null) {
                return -1;
            }
            if (timer.cancelled) {
                timers.poll();
                continue;
            }
            long now = System.nanoTime();
            long left = timer.deadlineNanos - now;
            if (left > 0) {
                return left;
            }
            timers.poll();
            try {
                timer.task.run();
            } catch (RuntimeException e) {
                if (!failed(timer, e)) {
                    state.compareAndSet(RUNNING, CLOSED);
                }
            }
            if (timer.periodNanos > 0 && !timer.cancelled) {
                long next = timer.deadlineNanos + timer.periodNanos;
                long after = System.nanoTime();
                timer.deadlineNanos = next - after < -timer.periodNanos ? after + timer.periodNanos : next;
                timers.add(timer);
            }
            if (state.get() != RUNNING) {
                return -1;
            }
        }
    }

    private void applyChanges() {
        Runnable change;
        while ((change = changes.poll()) != null) {
            try {
                change.run();
            } catch (RuntimeException e) {
                log.warn("{}: a registration failed", name, e);
            }
        }
    }

    private void dropClosedSockets() {
        for (Socket socket : handlers.keySet().toArray(new Socket[0])) {
            if (socket.isClosed()) {
                log.warn("{}: registered socket {} was closed; unregistered", name, socket);
                remove(socket);
            }
        }
    }

    private void remove(Socket socket) {
        if (handlers.remove(socket) != null) {
            poller.unregister(socket);
        }
    }

    /** Applies {@code change} now when on the loop thread, else queues it and wakes the loop. */
    private void submit(Runnable change) {
        if (Thread.currentThread() == loopThread) {
            change.run();
            return;
        }
        changes.add(change);
        wake();
    }

    private void wake() {
        // The loop drains the pair before clearing the flag and applies changes after: no wake-up is lost.
        if (wakePending.compareAndSet(false, true)) {
            try {
                wakeSender.trySend(new byte[0]);
            } catch (ZmqException e) {
                log.debug("{}: wake-up not sent: {}", name, e.getMessage());
            }
        }
    }

    private void release() {
        poller.close();
        wakeSender.close();
        wakeReceiver.close();
    }

    private String stateName() {
        return switch (state.get()) {
            case NEW -> "new";
            case RUNNING -> "running";
            default -> "closed";
        };
    }
}
