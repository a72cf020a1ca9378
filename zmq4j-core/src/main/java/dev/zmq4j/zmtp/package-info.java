/**
 * The ZMTP 3.1 wire protocol (rfc.zeromq.org spec 37, accepting 3.0 peers per spec 23), pure and
 * transport-free: the greeting, the frame codec, commands and their metadata, a socket type's wire
 * profile, and the security mechanisms that run the handshake: the mechanism contract
 * ({@link dev.zmq4j.zmtp.Mechanism}: status, asynchronous re-entry, per-frame
 * {@link dev.zmq4j.zmtp.FrameTransform}) with NULL on it, and ZAP as an interface
 * ({@link dev.zmq4j.zmtp.Zap}) for the API layer to implement.
 *
 * <p>Everything here works on {@code byte[]} and {@link java.nio.ByteBuffer}; nothing depends on
 * Netty, on sockets or on threads, so every class is tested on byte arrays. This package depends
 * on nothing else in zmq4j.
 */
package dev.zmq4j.zmtp;
