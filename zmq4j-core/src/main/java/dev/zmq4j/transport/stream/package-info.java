/**
 * ZMTP over a byte stream on Netty, shared by tcp and ipc: the I/O threads
 * ({@link dev.zmq4j.transport.stream.NettyIo}), a bound endpoint
 * ({@link dev.zmq4j.transport.stream.StreamListener}), a connected one with reconnection
 * ({@link dev.zmq4j.transport.stream.StreamConnector}), and the framing stage under each ZMTP
 * session (ZmtpFraming: greeting, frame decoding and batched encoding, the RCVHWM read pause,
 * half-closure). Netty's reference-counted buffers never leave this package. Depends on the SPI,
 * {@code dev.zmq4j.session}, {@code dev.zmq4j.pipe} and {@code dev.zmq4j.zmtp}.
 */
package dev.zmq4j.transport.stream;
