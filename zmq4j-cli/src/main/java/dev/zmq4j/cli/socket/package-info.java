/**
 * The operator socket commands of the {@code zmq4j} tool: {@code pub}, {@code sub}, {@code push},
 * {@code pull}, {@code req}, {@code rep}, {@code dealer}, {@code router}, {@code pair},
 * {@code xpub}, {@code xsub} ({@link dev.zmq4j.cli.socket.SocketCommands}) and {@code proxy}
 * ({@link dev.zmq4j.cli.socket.ProxyCommand}): one socket, its endpoints and options from flags,
 * messages from standard input and to standard output.
 *
 * <p>Depends on the public API of {@code dev.zmq4j}, on picocli, and on
 * {@link dev.zmq4j.cli.SecurityOptions} (mixed in); nothing in {@code dev.zmq4j.cli} depends on
 * this package except {@code Main}, which lists the commands.
 */
package dev.zmq4j.cli.socket;
