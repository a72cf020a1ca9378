/**
 * One behaviour checklist run over every transport (as NNG's {@code trantest.h} and Netty's
 * socket test suite). {@link dev.zmq4j.transports.TransportFixture} has one entry per transport:
 * its scheme, how to make a bind endpoint, and which
 * {@link dev.zmq4j.transports.TransportFixture.Capability capabilities} apply. Each test method
 * is a {@link dev.zmq4j.transports.TransportTest} taking the fixture, so it runs once per entry;
 * behaviour that a transport does not have is skipped with an assumption on a capability.
 * {@link dev.zmq4j.transports.Peers} marries two sockets over a fixture (bind, connect, wait
 * until both sides have the connection). To add a transport (ws:// next): add one entry to
 * {@code TransportFixture} with its endpoints and capabilities; every checklist class picks it up.
 */
package dev.zmq4j.transports;
