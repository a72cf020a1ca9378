/**
 * The socket types: one {@link dev.zmq4j.pattern.SocketDescriptor} per type (its wire profile,
 * directions, readiness, thread-safety, type-specific options and pattern), and one routing
 * strategy per socket type, each a small class over {@link dev.zmq4j.pipe.Pipe}s:
 * {@link dev.zmq4j.pattern.LoadBalancer} (PUSH, REQ), {@link dev.zmq4j.pattern.FairQueue} (PULL,
 * REP, REQ, DEALER, ROUTER, SUB), {@link dev.zmq4j.pattern.RoutingTable} (ROUTER),
 * {@link dev.zmq4j.pattern.SubscriptionTrie} with the Distributor (PUB, XPUB), and the lock-step
 * state machines of REQ and REP.
 *
 * <p>Threading: {@code trySend} runs under the socket's send lock and {@code tryReceive} under its
 * receive lock; {@code attach}/{@code detach} come from I/O threads. Pipe sets are copy-on-write
 * arrays, so the hot path reads one volatile field. Depends on {@code dev.zmq4j.pipe},
 * {@code dev.zmq4j.concurrent} and, for the wire profile, {@code dev.zmq4j.zmtp}.
 */
package dev.zmq4j.pattern;
