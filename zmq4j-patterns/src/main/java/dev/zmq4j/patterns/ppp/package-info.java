/**
 * The Paranoid Pirate Protocol (RFC 6, PPP): {@link dev.zmq4j.patterns.ppp.ParanoidPirateQueue},
 * a load-balancing queue that heartbeats its workers and forgets silent ones, and
 * {@link dev.zmq4j.patterns.ppp.ParanoidPirateWorker}, a worker that heartbeats the queue and
 * reconnects with an exponential back-off when it goes silent. Clients are plain REQ sockets or
 * {@link dev.zmq4j.patterns.LazyPirateClient}. The wire commands are in
 * {@link dev.zmq4j.patterns.ppp.Command}.
 *
 * <p>May depend on the public package {@code dev.zmq4j}, on {@code dev.zmq4j.patterns} (the
 * reactor) and on SLF4J only.
 */
package dev.zmq4j.patterns.ppp;
