package dev.zmq4j.cli;

import dev.zmq4j.Socket;
import dev.zmq4j.ZmqException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One pattern's traffic in {@code perf soak}: a server side that lives for the whole run (its loop on
 * a thread of its own) and client peers that come and go ({@link #churn} closes the oldest and
 * connects a new one). Each client runs its {@link Step} in a loop, paced to its share of the rate
 * when the step is an operation of its own (a send, a round trip) and unpaced when it waits for
 * the server (a SUB receiving).
 *
 * <p>{@link #messages} and {@link #errors} are read from any thread; {@link #churn} and
 * {@link #close} are called from the soak's one control thread.
 */
final class SoakLoad implements AutoCloseable {
    /** One iteration of a client's loop on its socket; returns the messages it counts. */
    @FunctionalInterface
    interface Step {
        int run(Socket socket);
    }

    final String name;
    final AtomicLong messages = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong churned = new AtomicLong();
    private final Supplier<Socket> newClient;
    private final Step step;
    private final long intervalNanos;
    private final Deque<Client> clients = new ArrayDeque<>();
    private volatile boolean stopping;

    /** A client socket and the thread running its steps; closing the socket ends the thread. */
    private final class Client {
        final Socket socket;
        final Thread thread;

        Client(Socket socket) {
            this.socket = socket;
            this.thread = new Thread(this::loop, name + "-client");
            thread.setDaemon(true);
            thread.start();
        }

        private void loop() {
            long next = System.nanoTime();
            try {
                while (!stopping) {
                    messages.addAndGet(step.run(socket));
                    if (intervalNanos > 0) {
                        next += intervalNanos;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        } else if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                            next = System.nanoTime();
                        }
                    }
                }
            } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException e) {
                // Churned or stopping: this peer is done.
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
        }
    }

    /**
     * @param name      the pattern's name in the figures
     * @param newClient makes a new client socket, connected
     * @param step      one iteration of a client's loop
     * @param perClientRate steps per second per client, or 0 for unpaced
     * @param clients   how many clients run at once
     */
    SoakLoad(String name, Supplier<Socket> newClient, Step step, int perClientRate, int clients) {
        this.name = name;
        this.newClient = newClient;
        this.step = step;
        this.intervalNanos = perClientRate > 0 ? TimeUnit.SECONDS.toNanos(1) / perClientRate : 0;
        for (int i = 0; i < clients; i++) {
            this.clients.add(new Client(newClient.get()));
        }
    }

    /** Starts {@code loop} on a daemon thread of its own: the server side, until its socket closes. */
    static Thread server(String name, Runnable loop, AtomicLong errors) {
        Thread t = new Thread(() -> {
            try {
                loop.run();
            } catch (ZmqException.SocketClosedException | ZmqException.ContextClosedException e) {
                // The soak is over.
            } catch (RuntimeException e) {
                errors.incrementAndGet();
            }
        }, name + "-server");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Closes the oldest client (and ends its thread) and connects a new one. */
    void churn() {
        Client oldest = clients.poll();
        if (oldest != null) {
            oldest.socket.close();
            join(oldest.thread);
            churned.incrementAndGet();
        }
        clients.add(new Client(newClient.get()));
    }

    @Override
    public void close() {
        stopping = true;
        for (Client c : clients) {
            c.socket.close();
            join(c.thread);
        }
        clients.clear();
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
