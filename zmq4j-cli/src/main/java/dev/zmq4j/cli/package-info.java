/**
 * The {@code zmq4j} command line ({@link dev.zmq4j.cli.Main}, picocli): {@code demo}, the
 * socket commands, {@code probe}, {@code broker}, {@code beacon}, the {@code perf} tools and
 * {@code keygen}. Built only on zmq4j's public API ({@code dev.zmq4j}, {@code dev.zmq4j.security})
 * and the patterns module ({@code dev.zmq4j.patterns}); nothing here is a library API.
 */
package dev.zmq4j.cli;
