/**
 * The programs of the two talks zmq4j is built from, as {@code zmq4j demo} subcommands: the
 * Node.js talk's beacon (PUB/SUB), time service (REQ/REP), REP cluster (ROUTER/DEALER) and work
 * queue (PUSH/PULL, the first-joiner problem), the Perl talk's JSON, multipart, high-water mark,
 * polling and LINGER examples, the zguide's Lazy Pirate against a server that crashes and hangs
 * ({@link dev.zmq4j.cli.demo.LazyPirateDemo}), and the tour that runs them all in one process.
 *
 * <p>One class per program, each short enough to read as an example. Built only on zmq4j's public
 * API; JSON is written by {@link dev.zmq4j.cli.demo.Json}, a tiny encoder for these fixed shapes.
 */
package dev.zmq4j.cli.demo;
