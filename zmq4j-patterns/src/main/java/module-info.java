/**
 * zmq4j-patterns: patterns built on zmq4j's public API only (a reactor running socket handlers
 * and timers on one thread; the zguide's Lazy Pirate client; Paranoid Pirate, RFC 6; the Majordomo
 * broker, clients and worker, RFC 7; Binary Star; discovery by UDP beacons and a service directory
 * on them).
 */
module dev.zmq4j.patterns {
    requires transitive dev.zmq4j;
    requires org.slf4j;

    exports dev.zmq4j.patterns;
    exports dev.zmq4j.patterns.beacon;
    exports dev.zmq4j.patterns.bstar;
    exports dev.zmq4j.patterns.directory;
    exports dev.zmq4j.patterns.mdp;
    exports dev.zmq4j.patterns.ppp;
}
