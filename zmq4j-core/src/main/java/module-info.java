/**
 * zmq4j: ØMQ for Java, written from the ZMTP specifications.
 */
module dev.zmq4j {
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.unix.common;
    requires org.jctools.core;
    requires org.jctools.core.jdk11;
    requires org.slf4j;
    requires org.bouncycastle.provider;

    exports dev.zmq4j;
    exports dev.zmq4j.security;
    exports dev.zmq4j.auth;
}
