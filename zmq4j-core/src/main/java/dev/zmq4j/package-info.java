/**
 * The zmq4j API: {@link dev.zmq4j.Context}, {@link dev.zmq4j.Socket}, {@link dev.zmq4j.SocketType},
 * {@link dev.zmq4j.Message}, {@link dev.zmq4j.Frame}, {@link dev.zmq4j.Option},
 * {@link dev.zmq4j.Poller}, {@link dev.zmq4j.Proxy} and the
 * {@link dev.zmq4j.ZmqException} family. Everything below this package is internal.
 */
package dev.zmq4j;
