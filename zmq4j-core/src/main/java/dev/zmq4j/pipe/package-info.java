/**
 * The pipe: one bounded, HWM-accounted queue pair per connected peer; the only place where a
 * socket's application threads and a connection's I/O thread meet.
 *
 * <p>A message in a pipe is an {@code Object}: a {@code byte[]} for a single-frame message (so
 * that sending one frame allocates nothing of ours) or a {@code byte[][]} for a multipart one.
 * Also the forms that travel with pipes: a peer's properties
 * ({@link dev.zmq4j.pipe.PeerProperties}) and the subscription message
 * ({@link dev.zmq4j.pipe.Subscriptions}). Depends on nothing else in zmq4j.
 */
package dev.zmq4j.pipe;
