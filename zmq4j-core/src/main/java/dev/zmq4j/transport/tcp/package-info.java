/**
 * {@code tcp://host:port}: address parsing and the tcp channel settings, on the stream transport
 * ({@code dev.zmq4j.transport.stream}). Depends on the SPI and {@code stream}.
 */
package dev.zmq4j.transport.tcp;
