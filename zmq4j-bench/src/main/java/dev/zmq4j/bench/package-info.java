/**
 * Benchmarks: the JeroMQ perf tools used by {@code bench/compare.sh} to compare zmq4j with JeroMQ
 * and libzmq, the charts drawn from its results, and the chart of a {@code zmq4j perf soak} run.
 * Depends on zmq4j's public API, on JeroMQ and on XChart (the charts); nothing here is a library
 * API.
 */
package dev.zmq4j.bench;
