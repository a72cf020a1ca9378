/**
 * The CURVE security mechanism: CurveZMQ (rfc.zeromq.org spec 26) on the ZMTP 3.1 mechanism seam
 * ({@link dev.zmq4j.zmtp.Mechanism}, {@link dev.zmq4j.zmtp.FrameTransform}). {@link
 * dev.zmq4j.mechanism.curve.Curve} makes the client and server mechanisms;
 * {@link dev.zmq4j.mechanism.curve.CurveKeys} the keys. Inside: NaCl's box (X25519,
 * XSalsa20-Poly1305) composed from BouncyCastle's primitives, the handshake commands' wire layout,
 * the two state machines and the MESSAGE transform.
 *
 * <p>Not exported. Depends on {@code dev.zmq4j.zmtp}, {@code dev.zmq4j.security} (Z85) and
 * BouncyCastle; nothing in zmq4j below the API layer depends on it.
 */
package dev.zmq4j.mechanism.curve;
