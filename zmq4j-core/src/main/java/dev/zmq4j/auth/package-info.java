/**
 * ZAP (rfc 27) handlers: {@link dev.zmq4j.auth.Authenticator}, the handler a process installs on
 * {@code inproc://zeromq.zap.01} of a {@link dev.zmq4j.Context}, with czmq zauth's policies
 * (address allow/deny lists, PLAIN passwords, CURVE certificate directories). Depends on the API
 * ({@code dev.zmq4j}), {@code dev.zmq4j.security} for certificates and {@code dev.zmq4j.zmtp}
 * for the metadata encoding; nothing below imports it.
 */
package dev.zmq4j.auth;
