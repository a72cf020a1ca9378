/**
 * A relay that misbehaves on command between two peers: {@link dev.zmq4j.chaos.ChaosRelay}. Used by
 * zmq4j's own fault tests (docs/RELIABILITY.md) and by {@code zmq4j perf soak}; usable from any
 * application's tests.
 */
package dev.zmq4j.chaos;
