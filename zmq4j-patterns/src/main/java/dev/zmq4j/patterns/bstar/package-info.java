/**
 * Binary Star, the zguide's high-availability pair (chapter 4): {@link dev.zmq4j.patterns.bstar.BinaryStar}
 * runs the pair's state machine ({@link dev.zmq4j.patterns.bstar.State},
 * {@link dev.zmq4j.patterns.bstar.Event}) on a {@link dev.zmq4j.patterns.Reactor}, exchanges
 * states with the peer over PUB/SUB and gates client requests so that at most one server of the
 * pair serves them.
 *
 * <p>May depend on the public package {@code dev.zmq4j}, on {@code dev.zmq4j.patterns} (the
 * reactor) and on SLF4J only.
 */
package dev.zmq4j.patterns.bstar;
