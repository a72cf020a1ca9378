/**
 * The PLAIN mechanism (rfc 24): a user name and password in clear text, checked by the server's
 * ZAP handler. {@link dev.zmq4j.mechanism.plain.Plain} makes the client and server factories.
 */
package dev.zmq4j.mechanism.plain;
