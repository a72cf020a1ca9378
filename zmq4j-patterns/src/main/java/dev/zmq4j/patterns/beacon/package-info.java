/**
 * Discovery by UDP beacons: {@link dev.zmq4j.patterns.beacon.Beacon} announces a short payload at
 * an interval to a UDP port (broadcast, multicast or unicast), listens on that port and reports
 * peers appearing and vanishing as {@link dev.zmq4j.patterns.beacon.BeaconEvent}s (what czmq's
 * {@code zbeacon} does, plus the presence tracking zyre layers on it);
 * {@link dev.zmq4j.patterns.beacon.ZreBeacon} is the 22-byte beacon of ZRE (RFC 36), so zyre
 * nodes are seen as peers.
 *
 * <p>Depends on {@code java.net}/{@code java.nio}, {@link dev.zmq4j.ZmqException} and SLF4J only:
 * no socket of zmq4j is involved.
 */
package dev.zmq4j.patterns.beacon;
