/**
 * The {@code zmq4j} command line ({@link dev.zmq4j.cli.Main}, picocli): {@code demo}, the
 * {@code perf} tools and {@code keygen}. Built only on zmq4j's public API ({@code dev.zmq4j},
 * {@code dev.zmq4j.security}); nothing here is a library API.
 */
package dev.zmq4j.cli;
