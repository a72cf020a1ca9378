/**
 * Tests of zmq4j against hostile peers and over long runs, across the layers: memory held before a
 * handshake, slowloris, connect floods and random bytes at scale (raw {@code SocketChannel}s), a
 * stalled subscriber among fast ones, and resources returned after thousands of context cycles.
 * The figures they print are recorded in docs/RELIABILITY.md.
 */
package dev.zmq4j.hostile;
