/**
 * {@code inproc://name}: sockets of one context linked by pipe ends that share their queues; no
 * connection, no encoding, no monitor events (as libzmq). Depends on the SPI and
 * {@code dev.zmq4j.pipe}.
 */
package dev.zmq4j.transport.inproc;
