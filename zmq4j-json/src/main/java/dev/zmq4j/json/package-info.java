/**
 * JSON messages: {@link dev.zmq4j.json.JsonMessages} turns a value into a message of one UTF-8
 * JSON frame and back, and sends or receives one on a {@link dev.zmq4j.Socket};
 * {@link dev.zmq4j.json.JsonMessageException} names the frame that could not be read.
 *
 * <p>Depends on the public API of {@code dev.zmq4j} and on Jackson (databind); nothing in the
 * core depends on this package.
 */
package dev.zmq4j.json;
