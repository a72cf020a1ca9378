/**
 * The ZMTP session of one connection ({@link dev.zmq4j.session.ZmtpSession}): the handshake
 * driven through the socket's mechanism, commands, heartbeats, the bridge between frames and a
 * pipe (with the RCVHWM pause), statistics and monitor events, over any framing that implements
 * {@link dev.zmq4j.session.FramingChannel}. No Netty types; timers through a
 * {@link java.util.concurrent.ScheduledExecutorService}. Depends on the transport SPI,
 * {@code dev.zmq4j.pipe} and {@code dev.zmq4j.zmtp}.
 */
package dev.zmq4j.session;
