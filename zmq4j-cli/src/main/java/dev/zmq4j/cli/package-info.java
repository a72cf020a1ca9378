/**
 * The {@code zmq4j} command line ({@link dev.zmq4j.cli.Main}, picocli): {@code demo} and the
 * {@code perf} tools. Built only on zmq4j's public API ({@code dev.zmq4j}); nothing here is a
 * library API.
 */
package dev.zmq4j.cli;
