/**
 * Shared pieces of the fuzz targets (Jazzer {@code @FuzzTest}s, docs/RELIABILITY.md, "Fuzzing"): a
 * fuzz input read as a script, the cutting of a stream into reads, allocation measurement, a
 * scripted ZAP handler, one side of a handshake on byte arrays; and the handshake targets, which
 * drive every mechanism through its public factories.
 */
package dev.zmq4j.fuzz;
