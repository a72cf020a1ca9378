/**
 * Transports: tcp on Netty (native epoll where available, NIO otherwise). A
 * {@link dev.zmq4j.transport.ZmtpConnection} runs the ZMTP handshake and codec on one channel and
 * moves messages between the wire and a {@link dev.zmq4j.pipe.Pipe}; a
 * {@link dev.zmq4j.transport.Listener} accepts connections for a bound endpoint and a
 * {@link dev.zmq4j.transport.Connector} keeps one connected, reconnecting with back-off.
 *
 * <p>Netty's reference-counted buffers never leave this package. Depends on {@code dev.zmq4j.zmtp}
 * and {@code dev.zmq4j.pipe}.
 */
package dev.zmq4j.transport;
