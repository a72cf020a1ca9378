/**
 * Small concurrency building blocks shared by the layers, with their contract in their names
 * ({@link dev.zmq4j.concurrent.CopyOnWriteArray}). Depends on nothing in zmq4j.
 */
package dev.zmq4j.concurrent;
