/**
 * The Majordomo Protocol (RFC 7, MDP/0.1) with its management interface (RFC 8, MMI):
 * {@link dev.zmq4j.patterns.mdp.MajordomoBroker}, the synchronous
 * {@link dev.zmq4j.patterns.mdp.MajordomoClient}, the asynchronous
 * {@link dev.zmq4j.patterns.mdp.MajordomoAsyncClient}, the
 * {@link dev.zmq4j.patterns.mdp.MajordomoWorker}, and the wire constants in
 * {@link dev.zmq4j.patterns.mdp.Mdp}. Every peer speaks the RFC's frames exactly, so clients,
 * workers and brokers written from the RFC in other languages work with these.
 *
 * <p>May depend on the public package {@code dev.zmq4j}, on {@code dev.zmq4j.patterns} (the
 * {@link dev.zmq4j.patterns.Reactor}) and on SLF4J only.
 */
package dev.zmq4j.patterns.mdp;
