package dev.zmq4j.mechanism.plain;

import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.ProtocolException;

/** The names of PLAIN's commands and the check that the expected one came. */
final class PlainCommands {
    static final String HELLO = "HELLO";
    static final String WELCOME = "WELCOME";
    static final String INITIATE = "INITIATE";

    private PlainCommands() {
    }

    static void expect(Command command, String name, String expected) throws ProtocolException {
        if (!command.name().equals(name)) {
            throw new ProtocolException("command: " + command.name() + " during the PLAIN handshake (expected: " + expected + ")");
        }
    }
}
