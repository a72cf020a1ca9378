/**
 * Micrometer meters for zmq4j sockets: {@link dev.zmq4j.micrometer.ZmqSocketMetrics}, a
 * {@code MeterBinder} that reads a socket's {@code statistics()} and
 * {@code connectionStatistics()} whenever the registry reads its meters.
 *
 * <p>Depends on the public API of {@code dev.zmq4j} and on {@code micrometer-core}; nothing in
 * the core depends on this package.
 */
package dev.zmq4j.micrometer;
