/**
 * zmq4j-micrometer: a socket's traffic, queue depths, connections and handshake failures as
 * Micrometer meters. Optional: the core module {@code dev.zmq4j} has no Micrometer dependency.
 */
module dev.zmq4j.micrometer {
    requires transitive dev.zmq4j;
    requires transitive micrometer.core;

    exports dev.zmq4j.micrometer;
}
