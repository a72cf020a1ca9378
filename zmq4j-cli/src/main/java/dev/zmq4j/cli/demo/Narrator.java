package dev.zmq4j.cli.demo;

/** Prints one line of a demo's story ({@link String#format} style); implementations flush it at once. */
@FunctionalInterface
interface Narrator {
    void say(String format, Object... args);
}
