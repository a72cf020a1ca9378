/**
 * {@code ipc://path}: Unix domain sockets on the stream transport, and the socket file's life
 * ({@link dev.zmq4j.transport.ipc.IpcPath}: generated paths, stale files taken over, clean-up).
 * Depends on the SPI and {@code stream}.
 */
package dev.zmq4j.transport.ipc;
