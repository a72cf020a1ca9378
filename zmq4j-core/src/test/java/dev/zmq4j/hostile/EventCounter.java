package dev.zmq4j.hostile;

import dev.zmq4j.Monitor;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a socket's monitor events of some types on a thread of its own, so that thousands of
 * connections never fill the monitor's queue. Thread-safe reads.
 */
final class EventCounter implements AutoCloseable {
    private final Monitor monitor;
    private final Map<SocketEvent.Type, AtomicLong> counts = new EnumMap<>(SocketEvent.Type.class);
    private final Thread reader;
    private volatile boolean stopped;

    EventCounter(Socket socket, Set<SocketEvent.Type> types) {
        for (SocketEvent.Type t : types) {
            counts.put(t, new AtomicLong());
        }
        this.monitor = socket.monitor(types);
        this.reader = new Thread(this::run, "event-counter");
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        while (!stopped) {
            SocketEvent e = monitor.next(Duration.ofMillis(100));
            if (e == null) {
                continue;
            }
            if (e.type() == SocketEvent.Type.MONITOR_STOPPED) {
                return;
            }
            AtomicLong c = counts.get(e.type());
            if (c != null) {
                c.incrementAndGet();
            }
        }
    }

    long count(SocketEvent.Type type) {
        return counts.get(type).get();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        reader.join(5000);
        monitor.close();
    }
}
