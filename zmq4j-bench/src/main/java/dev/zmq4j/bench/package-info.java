/**
 * Benchmarks: the JeroMQ perf tools used by {@code bench/compare.sh} to compare zmq4j with JeroMQ
 * and libzmq. Depends on zmq4j's public API and on JeroMQ; nothing here is a library API.
 */
package dev.zmq4j.bench;
