/**
 * zmq4j-json: Java records, maps and lists as one-frame JSON messages, with Jackson. Optional:
 * the core module {@code dev.zmq4j} has no JSON dependency.
 *
 * <p>Jackson reads and writes records by reflection: a module whose records travel as JSON
 * {@code opens} their package to {@code com.fasterxml.jackson.databind}.
 */
module dev.zmq4j.json {
    requires transitive dev.zmq4j;
    requires transitive com.fasterxml.jackson.databind;

    exports dev.zmq4j.json;
}
