/**
 * The transport SPI: a {@link dev.zmq4j.transport.Transport} per endpoint scheme (its address
 * parsing, bind, connect and their undoing), the context's registry
 * ({@link dev.zmq4j.transport.Transports}), and what a transport sees of its socket
 * ({@link dev.zmq4j.transport.SocketPort}, {@link dev.zmq4j.transport.ConnectionOptions},
 * {@link dev.zmq4j.transport.TransportEvent}). The transports themselves live in the
 * sub-packages {@code tcp}, {@code ipc}, {@code inproc} and {@code stream} (Netty, shared by tcp
 * and ipc). Depends on {@code dev.zmq4j.pipe} and {@code dev.zmq4j.zmtp}; nothing here knows a
 * scheme.
 */
package dev.zmq4j.transport;
