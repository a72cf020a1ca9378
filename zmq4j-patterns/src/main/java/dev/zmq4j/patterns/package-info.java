/**
 * Patterns on top of zmq4j: {@link dev.zmq4j.patterns.Reactor}, an event loop that runs socket
 * handlers and timers on one thread (what czmq's {@code zloop} gives), and
 * {@link dev.zmq4j.patterns.LazyPirateClient}, the zguide's retrying request-reply client. The
 * patterns built on them live in sub-packages: {@code dev.zmq4j.patterns.ppp} (Paranoid Pirate,
 * RFC 6), {@code dev.zmq4j.patterns.mdp} (Majordomo, RFC 7 and 8: broker, clients, worker),
 * {@code dev.zmq4j.patterns.bstar} (Binary Star), {@code dev.zmq4j.patterns.beacon} (UDP beacons,
 * ZRE's layout) and {@code dev.zmq4j.patterns.directory} (a service directory on beacons).
 *
 * <p>May depend on the public package {@code dev.zmq4j} and on SLF4J only; never on zmq4j's
 * internal packages.
 */
package dev.zmq4j.patterns;
