/**
 * Security building blocks with no dependency on sockets: Z85 text encoding, CURVE key pairs and
 * certificates. Used by the CURVE mechanism below and by applications above.
 */
package dev.zmq4j.security;
