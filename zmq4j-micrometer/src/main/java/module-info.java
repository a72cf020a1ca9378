/**
 * zmq4j-micrometer: a socket's traffic, queue depths, connections and handshake failures as
 * Micrometer meters. Optional: the core module {@code dev.zmq4j} has no Micrometer dependency.
 *
 * <p>micrometer-core is an automatic module ({@code micrometer.core}, from its manifest); it is
 * required transitively because this module's API takes and implements its types.
 */
@SuppressWarnings("requires-transitive-automatic")
module dev.zmq4j.micrometer {
    requires transitive dev.zmq4j;
    requires transitive micrometer.core;

    exports dev.zmq4j.micrometer;
}
