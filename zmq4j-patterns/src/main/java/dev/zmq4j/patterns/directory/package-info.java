/**
 * A service directory without a server: {@link dev.zmq4j.patterns.directory.ServiceDirectory}
 * announces services by name and endpoint on UDP beacons
 * ({@link dev.zmq4j.patterns.beacon.Beacon}) and resolves the names the others announce.
 *
 * <p>Depends on {@code dev.zmq4j.patterns.beacon}, {@link dev.zmq4j.ZmqException} and SLF4J.
 */
package dev.zmq4j.patterns.directory;
