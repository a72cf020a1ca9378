package dev.zmq4j.patterns.directory;

import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.beacon.Beacon;
import dev.zmq4j.patterns.beacon.BeaconEvent;
import dev.zmq4j.patterns.beacon.BeaconException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory of services by name, kept by UDP beacons and no server: each process announces the
 * services it offers ({@code "time"} at {@code tcp://10.0.0.5:5555}) and hears those of the
 * others on the same beacon port.
 *
 * <pre>{@code
 * try (ServiceDirectory directory = ServiceDirectory.start(Beacon.builder(5671))) {
 *     directory.announce("time", rep.bind("tcp://10.0.0.5:*"));
 *     String endpoint = directory.await("clock", Duration.ofSeconds(5));
 *     req.connect(endpoint);
 * }
 * }</pre>
 *
 * <p>Each announced service is one beacon payload (the {@code ZSD} record: name and endpoint, at
 * most 248 bytes of UTF-8 together), sent at the beacon's interval. A service is added when its
 * first beacon is heard and removed when its announcer withdraws it ({@link #withdraw}, or
 * {@link #close()}: a "gone" record is sent at once) or falls silent for the beacon's timeout (a
 * crashed process). Several endpoints may carry one name; {@link #lookup} returns the one heard
 * first, {@link #lookupAll} all of them in the order heard. The directory hears its own services
 * too when the network loops them back (broadcast and multicast do; unicast to another host does
 * not).
 *
 * <p><b>Thread-safety:</b> thread-safe. Listeners are called on the beacon's thread, outside the
 * directory's lock, and should return quickly.
 */
public final class ServiceDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceDirectory.class);

    private final Beacon beacon;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** name -> endpoint -> how many announcers (senders) it has; insertion ordered. */
    private final Map<String, Map<String, Integer>> services = new LinkedHashMap<>();
    private final Set<ServiceRecord> own = new LinkedHashSet<>();
    private final List<Consumer<ServiceEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private ServiceDirectory(Beacon.Builder network) {
        this.beacon = network.listen(ServiceRecord.HEADER)
                .ignoreOwn(false)
                .peerKey(ServiceRecord::key)
                .leaving(ServiceRecord::isWithdrawal)
                .listener(this::onBeacon)
                .start();
    }

    /**
     * Starts a directory on the network settings of {@code network} (port, address, interface,
     * interval, timeout); the directory sets the builder's listen prefix, listener, peer key,
     * leaving test and own-beacon setting itself.
     *
     * @param network a beacon builder with the network settings, not started
     * @return the directory, running; close it
     * @throws BeaconException if the network settings cannot be used (see {@link Beacon})
     */
    public static ServiceDirectory start(Beacon.Builder network) {
        return new ServiceDirectory(network);
    }

    /**
     * Announces {@code name} at {@code endpoint} until it is withdrawn or the directory closes;
     * announcing it again does nothing.
     *
     * @param name     the service's name
     * @param endpoint where the service is, e.g. {@code tcp://10.0.0.5:5556}
     * @throws IllegalArgumentException if name or endpoint is empty, or they take more than 248
     *                                  bytes of UTF-8 together
     * @throws BeaconException          if the first beacon cannot be sent
     */
    public void announce(String name, String endpoint) {
        ServiceRecord record = new ServiceRecord(name, endpoint, false);
        checkOpen();
        beacon.publish(record.encode());
        lock.lock();
        try {
            own.add(record);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops announcing {@code name} at {@code endpoint} and tells the others at once (one "gone"
     * beacon; should it be lost, they drop the service after their timeout).
     *
     * @param name     the service's name
     * @param endpoint the endpoint it was announced at
     * @return whether this directory announced it
     */
    public boolean withdraw(String name, String endpoint) {
        ServiceRecord record = new ServiceRecord(name, endpoint, false);
        lock.lock();
        try {
            if (!own.remove(record)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        sendWithdrawal(record);
        return true;
    }

    /**
     * {@return an endpoint of {@code name} (the one heard first), or empty if none is known}
     *
     * @param name the service's name
     */
    public Optional<String> lookup(String name) {
        List<String> all = lookupAll(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /**
     * {@return every known endpoint of {@code name}, in the order they were heard; empty if none}
     *
     * @param name the service's name
     */
    public List<String> lookupAll(String name) {
        lock.lock();
        try {
            Map<String, Integer> endpoints = services.get(Objects.requireNonNull(name, "name"));
            return endpoints == null ? List.of() : List.copyOf(endpoints.keySet());
        } finally {
            lock.unlock();
        }
    }

    /** {@return every known service and its endpoints, a snapshot} */
    public Map<String, List<String>> services() {
        lock.lock();
        try {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            services.forEach((name, endpoints) -> copy.put(name, List.copyOf(endpoints.keySet())));
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns an endpoint of {@code name}, waiting up to {@code timeout} for one to be heard.
     *
     * @param name    the service's name
     * @param timeout the longest wait
     * @return the endpoint heard first
     * @throws ServiceNotFoundException          if none was heard in time (naming the service)
     * @throws ZmqException.SocketClosedException if the directory is or gets closed
     * @throws ZmqException.InterruptedException  if the thread is interrupted while waiting
     */
    public String await(String name, Duration timeout) {
        Objects.requireNonNull(name, "name");
        long deadlineNanos = System.nanoTime() + Math.max(0, timeout.toNanos());
        lock.lock();
        try {
            for (;;) {
                checkOpen();
                Map<String, Integer> endpoints = services.get(name);
                if (endpoints != null && !endpoints.isEmpty()) {
                    return endpoints.keySet().iterator().next();
                }
                long leftNanos = deadlineNanos - System.nanoTime();
                if (leftNanos <= 0) {
                    throw new ServiceNotFoundException(name, timeout, beacon.toString());
                }
                changed.awaitNanos(leftNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZmqException.InterruptedException("service directory: interrupted while waiting for \"" + name + "\"");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls {@code listener} for every service endpoint added or removed from now on, on the beacon's thread.
     *
     * @param listener the listener; it must not block
     */
    public void addListener(Consumer<ServiceEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops calling {@code listener}.
     *
     * @param listener a listener given to {@link #addListener}
     */
    public void removeListener(Consumer<ServiceEvent> listener) {
        listeners.remove(listener);
    }

    /** {@return the beacon the directory runs on (its port, destination, sender address)} */
    public Beacon beacon() {
        return beacon;
    }

    /**
     * Withdraws this directory's services (telling the others), stops the beacon and wakes the
     * threads in {@link #await}. Idempotent.
     */
    @Override
    public void close() {
        List<ServiceRecord> mine;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            mine = new ArrayList<>(own);
            own.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        mine.forEach(this::sendWithdrawal);
        beacon.close();
    }

    private void sendWithdrawal(ServiceRecord record) {
        beacon.silence(record.encode());
        try {
            beacon.send(record.withdrawn().encode());
        } catch (BeaconException | ZmqException.SocketClosedException e) {
            log.debug("service directory: withdrawal of {} at {} not sent: {}", record.name(), record.endpoint(), e.getMessage());
        }
    }

    private void onBeacon(BeaconEvent e) {
        ServiceRecord record = ServiceRecord.decode(e.payload()).orElse(null);
        if (record == null) {
            return;
        }
        ServiceEvent change = null;
        lock.lock();
        try {
            if (e.type() == BeaconEvent.Type.APPEARED) {
                Map<String, Integer> endpoints = services.computeIfAbsent(record.name(), n -> new LinkedHashMap<>());
                if (endpoints.merge(record.endpoint(), 1, Integer::sum) == 1) {
                    change = new ServiceEvent(ServiceEvent.Type.ADDED, record.name(), record.endpoint());
                }
            } else {
                Map<String, Integer> endpoints = services.get(record.name());
                Integer count = endpoints == null ? null : endpoints.get(record.endpoint());
                if (count != null) {
                    if (count > 1) {
                        endpoints.put(record.endpoint(), count - 1);
                    } else {
                        endpoints.remove(record.endpoint());
                        if (endpoints.isEmpty()) {
                            services.remove(record.name());
                        }
                        change = new ServiceEvent(ServiceEvent.Type.REMOVED, record.name(), record.endpoint());
                    }
                }
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (change != null) {
            for (Consumer<ServiceEvent> l : listeners) {
                try {
                    l.accept(change);
                } catch (RuntimeException ex) {
                    log.warn("service directory: a listener failed on {}", change, ex);
                }
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ZmqException.SocketClosedException("service directory on " + beacon + ": closed");
        }
    }
}
